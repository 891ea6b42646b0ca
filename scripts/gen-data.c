/*
 * gen-data: deterministic synthetic data for svc (roster, customers,
 * events) shaped like one of the four sample schemes, for tests and
 * benchmarks. The same options and seed always give the same bytes.
 *
 *   gen-data [OPTIONS] roster|customers|events   CSV on stdout (or -o FILE)
 *   gen-data [OPTIONS] all --dir DIR             DIR/{roster,customers,events}.csv
 *
 * Own PRNG (splitmix64 to seed, xorshift64* to draw): independent of the
 * C library. The roster depends only on --seed, --staff and --policy; the
 * customers also on --customers; events on everything. Events reference
 * only staff and customers of the same options, carry kinds, values and
 * channels that the scheme's policy in sample-data/policies/ accepts, and
 * come out sorted by time (08:00-17:59 local, +08:00, so that the date is
 * the same in UTC).
 */
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "util.h"

#ifndef SVC_VERSION
#define SVC_VERSION "0.1"
#endif

static const char *prog = "gen-data";

/* ------------------------------------------------------------------ */
/* PRNG */

struct rng {
	uint64_t s;
};

static uint64_t
splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static void
rng_init(struct rng *r, uint64_t seed, uint64_t stream)
{
	uint64_t x = seed ^ (stream * 0xD1B54A32D192ED03ULL);

	r->s = splitmix64(&x);
	if (r->s == 0)
		r->s = 0x9E3779B97F4A7C15ULL;
}

static uint64_t
rng_next(struct rng *r)		/* xorshift64* */
{
	uint64_t x = r->s;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	r->s = x;
	return x * 0x2545F4914F6CDD1DULL;
}

/* A number in [0, n), n > 0 (multiply-shift; the bias is negligible). */
static uint32_t
rng_below(struct rng *r, uint32_t n)
{
	return (uint32_t)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

/* ------------------------------------------------------------------ */
/* Output: a big private buffer over a fully buffered stream. */

#define OUTBUF (1u << 20)

struct out {
	FILE *fp;
	char *buf;
	size_t len;
};

static void
out_flush(struct out *o)
{
	if (o->len && fwrite(o->buf, 1, o->len, o->fp) != o->len) {
		fprintf(stderr, "%s: write error: %s\n", prog, strerror(errno));
		exit(1);
	}
	o->len = 0;
}

static inline void
out_mem(struct out *o, const char *s, size_t n)
{
	if (o->len + n > OUTBUF) {
		out_flush(o);
		if (n > OUTBUF) {
			if (fwrite(s, 1, n, o->fp) != n) {
				fprintf(stderr, "%s: write error: %s\n", prog,
				    strerror(errno));
				exit(1);
			}
			return;
		}
	}
	memcpy(o->buf + o->len, s, n);
	o->len += n;
}

static inline void
out_str(struct out *o, const char *s)
{
	out_mem(o, s, strlen(s));
}

static inline void
out_ch(struct out *o, char c)
{
	if (o->len == OUTBUF)
		out_flush(o);
	o->buf[o->len++] = c;
}

/* Unsigned decimal, zero-padded to width (0: no padding). */
static inline void
out_uint(struct out *o, uint64_t v, int width)
{
	char t[24];
	int n = 0;

	do {
		t[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n < width)
		t[n++] = '0';
	if (o->len + (size_t)n > OUTBUF)
		out_flush(o);
	while (n)
		o->buf[o->len++] = t[--n];
}

/* One CSV field, RFC 4180: quoted only when it must be. */
static void
out_field(struct out *o, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n')
			break;
	if (i == n) {
		out_mem(o, s, n);
		return;
	}
	out_ch(o, '"');
	for (i = 0; i < n; i++) {
		if (s[i] == '"')
			out_ch(o, '"');
		out_ch(o, s[i]);
	}
	out_ch(o, '"');
}

static void
out_fieldz(struct out *o, const char *s)
{
	out_field(o, s, strlen(s));
}

/* ------------------------------------------------------------------ */
/* Scheme tables: kinds per position, units, customer tiers, names. */

enum vgen {
	V_NONE = 0,
	V_SCORE,		/* daily assessment 0-100 from four aspects */
	V_DEDUCT,		/* monthly department deduction points */
	V_SAT,			/* satisfaction 1-5 */
	V_UNLOAD,		/* warehouse unloading minutes, tagged note */
	V_PORTOP,		/* port operation minutes, tagged note */
	V_MIN_SHORT,		/* 5-40 minutes */
	V_MIN_LONG,		/* 10-59 minutes */
	V_COUNT			/* meter-book entries */
};

#define MAXNOTES 8
#define MAXCHAN 4

struct kindgen {
	const char *code;
	unsigned weight;
	enum vgen vg;
	unsigned cust_pct;	/* share of events naming a customer */
	const char *chan[MAXCHAN];	/* NULL-terminated; picked evenly */
	const char *notes[MAXNOTES];	/* NULL-terminated */
};

struct table {
	const struct kindgen *k;
	size_t n;
	unsigned total;		/* filled at start-up */
};

struct unitdef {
	const char *dept;
	const char *unit;
	const char *sup_pos;
	const char *member_pos;
	int table;		/* member table index */
	int owns;		/* members own customers */
};

struct tierdef {
	const char *code;
	unsigned weight;
	const char *suffix[3];	/* company-name endings; NULL: a person */
};

/* A customer a policy's limit names by id: written as the first one. */
struct namedcust {
	const char *id, *name, *tier;
};

struct scheme {
	const char *name;
	const char *leader_pos;
	const char *leader_dept;	/* NULL: the division's first dept */
	int leader_table, sup_table;
	const struct unitdef *units;
	size_t nunits;
	struct table *tables;
	size_t ntables;
	const struct tierdef *tiers;
	size_t ntiers;
	const char *const *places;
	size_t nplaces;
	const struct namedcust *limit_cust;	/* NULL: none */
	const char *fieldcols;	/* the events' field columns, ",a,b"; "" */
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* --- smile: port "precision smile service" (seeds/000) --- */

static const struct kindgen smile_load[] = {
	{"assess", 820, V_SCORE, 0, {"site"}, {NULL}},
	{"operation", 90, V_PORTOP, 85, {"site"}, {NULL}},
	{"deduct.dept", 30, V_DEDUCT, 0, {"site"},
	    {"月度部门系统考核: 交接班准备不到位", "月度部门系统考核: 工前会未开",
	    "月度部门系统考核: 现场撒漏未清, 未做到\"四标六清\"", NULL}},
	{"praise.letter", 12, V_NONE, 100, {"letter", "visit"},
	    {"客户来信表扬: \"装车及时, 服务热情\"", "客户赠送锦旗一面", "公司级通报表扬", NULL}},
	{"praise.wechat", 20, V_NONE, 100, {"wechat"},
	    {"微信客户反馈栏表扬: 司机休息室干净, 送绿豆汤", "微信客户反馈栏表扬: 作业提前完成", NULL}},
	{"complaint.group", 2, V_NONE, 50, {"letter", "phone"},
	    {"集团级有效投诉: 压车时间过长", NULL}},
	{"complaint.company", 4, V_NONE, 60, {"phone", "visit"},
	    {"公司级有效投诉: 未按次序卸车", "公司级有效投诉: 态度生硬, 与司机争执", NULL}},
	{"complaint.internal", 5, V_NONE, 0, {"site"},
	    {"部门间投诉: 作业计划变更未通知, 经考核小组认定", NULL}},
	{"complaint.wechat", 8, V_NONE, 100, {"wechat"},
	    {"微信客户反馈栏投诉: \"电话不接, 排号混乱\"", "微信客户反馈栏投诉: 撒漏未清扫", NULL}},
};

static const struct kindgen smile_office[] = {
	{"assess", 900, V_SCORE, 0, {"site"}, {NULL}},
	{"deduct.dept", 30, V_DEDUCT, 0, {"site"},
	    {"月度部门系统考核: 资料归档不及时", "月度部门系统考核: 微信客户指南未更新", NULL}},
	{"praise.letter", 15, V_NONE, 100, {"letter"},
	    {"客户来信表扬: \"手续办理快, 一次讲清\"", "公司级通报表扬", NULL}},
	{"praise.wechat", 20, V_NONE, 100, {"wechat"},
	    {"微信客户反馈栏表扬: 回复及时", NULL}},
	{"complaint.company", 3, V_NONE, 60, {"phone"},
	    {"公司级有效投诉: 推诿客户咨询", NULL}},
	{"complaint.internal", 6, V_NONE, 0, {"site"},
	    {"部门间投诉: 协作不及时, 经考核小组认定", NULL}},
	{"complaint.wechat", 6, V_NONE, 100, {"wechat"},
	    {"微信客户反馈栏投诉: 回复不及时", NULL}},
};

static struct table smile_tables[] = {
	{smile_office, N(smile_office), 0},	/* 0: leaders, supervisors, offices */
	{smile_load, N(smile_load), 0},		/* 1: loading crews, storage */
};

static const struct unitdef smile_units[] = {
	{"装卸作业部", "装卸一队", "队长", "装卸工", 1, 0},
	{"装卸作业部", "装卸二队", "队长", "皮带机操作工", 1, 0},
	{"生产部", "调度室", "调度室主任", "调度员", 0, 0},
	{"货运部", "客户需求调查小组", "商务主管", "商务员", 0, 1},
	{"保管站", "保管站", "站长", "保管员", 1, 0},
	{"安环部", "客户反馈小组", "主管", "安全员", 0, 0},
	{"机械部", "维修班", "班长", "机修工", 0, 0},
	{"综合部", "后勤保障小组", "组长", "后勤员", 0, 0},
};

static const struct tierdef smile_tiers[] = {
	{"key", 8, {"粮贸有限公司", "粮油集团有限公司", NULL}},
	{"important", 15, {"粮食物流有限公司", "农产品有限公司", NULL}},
	{"general", 45, {"米业有限公司", "粮贸有限公司", "农业合作社"}},
	{"shipowner", 8, {"航运有限公司", "船务代理有限公司", NULL}},
	{"inspection", 4, {"粮食质量检验站", NULL, NULL}},
	{"partner", 12, {"汽车运输有限公司", "机械设备有限公司", NULL}},
	{"warehouse", 8, {"仓储有限公司（港外库）", NULL, NULL}},
};

static const char *const smile_places[] = {
	"大连", "营口", "锦州", "长春", "哈尔滨", "沈阳", "吉林", "齐齐哈尔",
	"绥化", "四平", "铁岭", "丹东",
};

/* --- group: service windows (seeds/002) --- */

static const struct kindgen group_member[] = {
	{"inspection.pass", 500, V_NONE, 0, {"site"},
	    {"抽查: 在岗在位, 着装规范", "抽查: 按序服务, 联系畅通", "抽查: 文明用语, 礼貌待客",
	    "抽查: 服务承诺公示齐全", NULL}},
	{"inspection.issue", 80, V_NONE, 0, {"site"},
	    {"抽查: 接听电话不及时, 批评教育", "抽查: 工作时间玩手机, 要求改进",
	    "抽查: 台面物品摆放杂乱, 要求整改", NULL}},
	{"praise.customer", 170, V_NONE, 90, {"phone", "visit", "letter"},
	    {"客户电话表扬: 装车及时, 主动帮忙盖篷布", "客户来访表扬: 热情招呼, 按序办理",
	    "客户来信表扬\"服务周到, 一视同仁\"", "客户表扬: 过磅提醒核对重量", NULL}},
	{"praise.inspection", 45, V_NONE, 0, {"site"},
	    {"监督小组抽查: 面带微笑, 树为标杆", "监督小组抽查: 首问责任落实到位", NULL}},
	{"complaint.attitude", 22, V_NONE, 80, {"phone", "visit"},
	    {"客户投诉: 带情绪工作, 给客户使脸色", "客户投诉: 上班时间离岗, 电话联系不上", NULL}},
	{"complaint.quarrel", 5, V_NONE, 80, {"visit"},
	    {"客户投诉: 与客户发生争执、吵嘴", NULL}},
	{"complaint.verified", 22, V_NONE, 70, {"phone", "visit", "site"},
	    {"监督小组核实: 未按顺序办理, 客户\"等了一上午\"", "部门协调投诉: 推诿扯皮, 经核实",
	    "监督小组核实: 缺货未提前告知客户", NULL}},
};

static const struct kindgen group_lead[] = {
	{"inspection.pass", 100, V_NONE, 0, {"site"},
	    {"服务监督小组月度总结: 分管窗口整体良好", NULL}},
	{"praise.inspection", 10, V_NONE, 0, {"site"},
	    {"集团通报表扬: 分管窗口服务提升明显", NULL}},
};

static struct table group_tables[] = {
	{group_member, N(group_member), 0},	/* 0: window staff, supervisors */
	{group_lead, N(group_lead), 0},		/* 1: group leaders */
};

static const struct unitdef group_units[] = {
	{"成品保管(装车班组)", "成品保管(装车班组)", "主管", "装车保管员", 0, 0},
	{"原料保管(卸车班组)", "原料保管(卸车班组)", "主管", "卸车保管员", 0, 0},
	{"销售管理中心", "销售管理中心", "主任", "业务员", 0, 1},
	{"开票室", "开票室", "主管", "开票员", 0, 0},
	{"司磅室", "司磅室", "主管", "司磅员", 0, 0},
	{"门卫", "门卫", "班长", "门卫", 0, 0},
};

static const struct tierdef group_tiers[] = {
	{"dealer", 40, {"饲料经销部", "饲料门市", NULL}},
	{"farm", 30, {"养殖场", "养殖专业合作社", NULL}},
	{"supplier", 20, {"粮贸有限公司", "玉米收购站", NULL}},
	{"carrier", 10, {"货物运输队", "物流有限公司", NULL}},
};

static const char *const group_places[] = {
	"周口", "驻马店", "商水", "项城", "西华", "沈丘", "淮阳", "太康",
	"郸城", "鹿邑", "漯河", "扶沟",
};

/* --- warehouse: cold-chain warehouse (seeds/001) --- */

/* [limit.和路雪] of warehouse.ini: match = customer=KH001 */
static const struct namedcust wh_limit_cust = {"KH001", "和路雪", "big"};

static const struct kindgen wh_ops[] = {
	{"unload", 500, V_UNLOAD, 100, {"site"}, {NULL}},
	{"late.operation", 40, V_NONE, 0, {"site"},
	    {"作业不及时: 收货后未及时清点", "出库备货滞后, 车辆等待", NULL}},
	{"data.discrepancy", 15, V_NONE, 0, {"site"}, {"盘点数据与系统差异", NULL}},
	{"site.disorder", 12, V_NONE, 0, {"site"}, {"作业现场混乱无序, 托盘未归位", NULL}},
	{"control.anomaly", 8, V_NONE, 0, {"site"}, {"温控记录缺失, 综合管控异常", NULL}},
	{"5s.good", 8, V_NONE, 0, {"site"}, {"5S排查: 区域表现较好, 现金嘉奖", NULL}},
	{"5s.poor", 4, V_NONE, 0, {"site"}, {"5S排查: 地面有缠绕带, 批评教育", NULL}},
	{"talent.nominate", 2, V_NONE, 0, {"site"}, {"运营主管推荐: 收发盘作业数据准确", NULL}},
};

static const struct kindgen wh_shelf[] = {
	{"shelve", 500, V_MIN_LONG, 0, {"site"}, {"冻品上架", "冷藏品下架备货", "移库上架", NULL}},
	{"late.shelving", 25, V_NONE, 0, {"site"}, {"上架不及时, 影响作业效率", NULL}},
	{"data.discrepancy", 12, V_NONE, 0, {"site"}, {"上架数量与系统不符", NULL}},
	{"stack.tilted", 40, V_NONE, 0, {"site"},
	    {"入储产品倾斜歪垛", "托盘码放\"超高, 歪斜\"", NULL}},
	{"hygiene.poor", 12, V_NONE, 0, {"site"}, {"库内卫生较差", NULL}},
	{"slot.planning", 12, V_NONE, 0, {"site"}, {"储位规划不合理, 同品分散", NULL}},
	{"5s.good", 8, V_NONE, 0, {"site"}, {"5S排查: 区域表现较好, 现金嘉奖", NULL}},
	{"5s.poor", 4, V_NONE, 0, {"site"}, {"5S排查: 库内卫生差, 批评教育", NULL}},
	{"talent.nominate", 2, V_NONE, 0, {"site"}, {"运营主管推荐: 上架及时, 储位规划合理", NULL}},
};

static const struct kindgen wh_clerk[] = {
	{"orderentry", 500, V_MIN_SHORT, 100, {"web", "phone"}, {"出库订单建立", "入库预约单建立", NULL}},
	{"orderentry.late", 30, V_NONE, 30, {"site"}, {"订单建立迟滞, 超过承诺时间", NULL}},
	{"entry.error", 12, V_NONE, 30, {"site"}, {"系统数据录入错误: 批号录错", NULL}},
	{"picking.error", 12, V_NONE, 30, {"site"}, {"拣货单批次数量分配错误", NULL}},
	{"complaint.customer", 6, V_NONE, 100, {"phone", "web"},
	    {"客户投诉: 出库单\"数量不符, 车辆等待\"", "客户投诉: 订单迟迟未建", NULL}},
	{"office.untidy", 10, V_NONE, 0, {"site"}, {"办公区域物品摆放无序", NULL}},
	{"talent.nominate", 2, V_NONE, 0, {"site"}, {"运营主管推荐: 订单零差错", NULL}},
};

static const struct kindgen wh_cs[] = {
	{"revisit", 100, V_SAT, 100, {"phone"},
	    {"对近期服务满意", "出库及时, 无破损", "希望旺季提前备好人力",
	    "反映出库等待时间长, \"排队超过两小时\"", NULL}},
};

static const struct kindgen wh_sup[] = {
	{"revisit", 60, V_SAT, 100, {"visit"},
	    {"运营主管回访: 了解下个周期业务趋势", "客服主管回访", NULL}},
	{"5s.good", 10, V_NONE, 0, {"site"}, {"5S排查: 区域表现较好", NULL}},
	{"5s.poor", 5, V_NONE, 0, {"site"}, {"5S排查: 区域表现较差, 批评教育", NULL}},
};

static const struct kindgen wh_head[] = {
	{"revisit", 100, V_SAT, 100, {"visit"},
	    {"运营部长对接: 商讨业务开展与服务标准修订", NULL}},
};

static struct table wh_tables[] = {
	{wh_head, N(wh_head), 0},	/* 0 */
	{wh_sup, N(wh_sup), 0},		/* 1 */
	{wh_ops, N(wh_ops), 0},		/* 2 */
	{wh_shelf, N(wh_shelf), 0},	/* 3 */
	{wh_clerk, N(wh_clerk), 0},	/* 4 */
	{wh_cs, N(wh_cs), 0},		/* 5 */
};

static const struct unitdef wh_units[] = {
	{"仓储部", "冷冻库作业班", "运营主管", "仓储作业员", 2, 0},
	{"仓储部", "冷冻库上架班", "运营主管", "上下架员", 3, 0},
	{"订单组", "订单组", "订单主管", "订单员", 4, 0},
	{"仓储部", "冷藏库作业班", "运营主管", "仓储作业员", 2, 0},
	{"仓储部", "冷藏库上架班", "运营主管", "上下架员", 3, 0},
	{"客服组", "客服组", "客服主管", "客服专员", 5, 1},
};

static const struct tierdef wh_tiers[] = {
	{"big", 10, {"食品有限公司", "冷饮有限公司", NULL}},
	{"small", 25, {"餐饮管理有限公司", "食品商行", NULL}},
	{"micro", 65, {"食品经营部", NULL, NULL}},
};

static const char *const wh_places[] = {
	"昆山", "苏州", "太仓", "常熟", "上海", "嘉兴", "无锡", "吴江",
};

/* --- water: utility customer service (seeds/004) --- */

static const struct kindgen water_hall[] = {
	{"contact.visit", 500, V_NONE, 95, {"visit"},
	    {"缴纳水费", "办理过户, 资料齐全当场办结", "接水申请, 第一时间转用户发展办",
	    "对账单有疑问, 现场核对抄表读数", "预存水费, 开通短信提醒", NULL}},
	{"contact.letter", 12, V_NONE, 90, {"letter"},
	    {"来信反映小区管网压力不足, 转调度室", "来信建议开通支付宝代收水费", NULL}},
	{"complaint.customer", 6, V_NONE, 100, {"visit", "web"},
	    {"用户投诉: 收费时态度生硬, 经核实", "用户投诉: 接水申请压件", NULL}},
	{"revisit", 20, V_SAT, 100, {"phone"}, {"回访: 处理及时, 满意", "回访: 问题已解决", NULL}},
};

static const struct kindgen water_hot[] = {
	{"contact.call", 500, V_NONE, 60, {"phone"},
	    {"咨询水费余额, 已告知", "反映水压低, 已转调度查看测压点", "报修: 水表井盖破损, 出工作联系单",
	    "咨询计划性停水时间", "反映\"夜间无水, 楼顶水箱空\", 转调度", NULL}},
	{"revisit", 150, V_SAT, 100, {"phone"},
	    {"回访: 处理及时, 满意", "回访: 态度好, 满意", "回访: 停水未提前通知, 不满意", NULL}},
	{"complaint.customer", 6, V_NONE, 100, {"phone", "web"},
	    {"用户投诉: 热线推诿, 经核实", "用户投诉: 报修\"三次来电无人跟进\"", NULL}},
};

static const struct kindgen water_entry[] = {
	{"entry.batch", 100, V_COUNT, 0, {"site"}, {"表本录入", NULL}},
	{"entry.error", 10, V_NONE, 0, {"site"},
	    {"表本录入错误: 读数位数错位", "表本录入错误: 用户编号串户", NULL}},
};

static const struct kindgen water_meter[] = {
	{"contact.visit", 300, V_NONE, 100, {"visit"},
	    {"上门抄表, 水表井积水已清理", "上门核对读数, 用户确认", "上门告知计划性停水", NULL}},
};

static const struct kindgen water_sup[] = {
	{"contact.call", 100, V_NONE, 60, {"phone"}, {"班长接听: 协调报修进度", NULL}},
	{"revisit", 50, V_SAT, 100, {"phone", "visit"}, {"班长回访: 满意度调查", NULL}},
};

static const struct kindgen water_head[] = {
	{"revisit", 100, V_SAT, 100, {"visit"}, {"部长走访重点用户", NULL}},
};

static struct table water_tables[] = {
	{water_head, N(water_head), 0},		/* 0 */
	{water_sup, N(water_sup), 0},		/* 1 */
	{water_hall, N(water_hall), 0},		/* 2 */
	{water_hot, N(water_hot), 0},		/* 3 */
	{water_entry, N(water_entry), 0},	/* 4 */
	{water_meter, N(water_meter), 0},	/* 5 */
};

static const struct unitdef water_units[] = {
	{"营业厅", "胜利路营业厅", "班长", "收费员", 2, 0},
	{"热线调度班", "热线调度班", "班长", "接线员", 3, 0},
	{"微机班", "微机班", "班长", "录入员", 4, 0},
	{"抄表班", "抄表班", "班长", "抄表员", 5, 1},
	{"营业厅", "行政服务中心窗口", "班长", "窗口受理员", 2, 0},
};

static const struct tierdef water_tiers[] = {
	{"resident", 75, {NULL, NULL, NULL}},
	{"commercial", 18, {"商行", "酒店", "餐饮店"}},
	{"institution", 5, {"街道办事处", "中学", NULL}},
	{"key", 2, {"人民医院", "污水处理厂", NULL}},
};

static const char *const water_places[] = {
	"浉河", "平桥", "羊山", "胜利路", "东方红", "南湖", "新华", "民权",
};

static struct scheme schemes[] = {
	{"group", "分管副总裁", "集团领导", 1, 0, group_units, N(group_units),
	    group_tables, N(group_tables), group_tiers, N(group_tiers),
	    group_places, N(group_places), NULL, ""},
	{"smile", "部门经理", NULL, 0, 0, smile_units, N(smile_units),
	    smile_tables, N(smile_tables), smile_tiers, N(smile_tiers),
	    smile_places, N(smile_places), NULL, ""},
	{"warehouse", "运营部长", "运营服务部", 0, 1, wh_units, N(wh_units),
	    wh_tables, N(wh_tables), wh_tiers, N(wh_tiers),
	    wh_places, N(wh_places), &wh_limit_cust, ",vehicle,cargo"},
	{"water", "部长", "客户服务部", 0, 1, water_units, N(water_units),
	    water_tables, N(water_tables), water_tiers, N(water_tiers),
	    water_places, N(water_places), NULL, ""},
};

/* Names: common surnames (the first ones more often) and given names. */
static const char *const surnames[] = {
	"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周",
	"徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗",
	"郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
	"彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡",
	"余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈",
	"姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金",
	"石", "廖", "贾", "夏", "韦", "付", "方", "白", "邹", "孟",
	"熊", "秦", "邱", "江", "尹", "薛", "闫", "段", "雷", "侯",
	"龙", "史", "陶", "黎", "贺", "顾", "毛", "郝", "龚", "邵",
	"万", "钱", "严", "武", "戴", "莫", "孔", "向", "汤", "常",
	"欧阳", "司马", "诸葛", "上官",
};

static const char *const given[] = {
	"伟", "芳", "娜", "秀", "英", "敏", "静", "丽", "强", "磊",
	"军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "霞",
	"平", "刚", "桂", "兰", "华", "建", "国", "志", "海", "文",
	"红", "玉", "春", "晓", "燕", "俊", "辉", "斌", "宇", "浩",
	"凯", "鹏", "婷", "雪", "琳", "欣", "颖", "慧", "佳", "雨",
	"子", "梓", "涵", "思", "嘉", "宏", "立", "新", "德", "福",
	"永", "成", "林", "峰", "波", "亮", "云", "飞", "龙", "金",
	"荣", "青", "晨", "阳", "博", "宁", "安", "诚", "瑞", "东",
	"民", "家", "庆", "美", "萍", "丹", "凤", "梅", "倩", "璐",
	"振", "国", "兵", "长", "学", "胜", "利", "秋", "冬", "彬",
};

static const char *const cores[] = {
	"鑫源", "华丰", "宏达", "金穗", "丰泰", "裕华", "恒通", "康达",
	"顺发", "新农", "绿源", "众旺", "福海", "汇丰", "长兴", "盛源",
	"佳禾", "兴隆", "瑞丰", "天成",
};

/* Notes that span two lines (only with --multiline). */
static const char *const multiline_notes[] = {
	"来信原文摘录：\n\"楼道水表漏水, 请尽快派人\"",
	"现场记录：\n第一次催办未果, 第二次已处理",
};

/* ------------------------------------------------------------------ */
/* Options */

struct opts {
	uint64_t seed;
	long staff;
	long customers;		/* -1: default */
	long long events;
	int y, m, d;		/* --start */
	long days;
	struct scheme *sc;
	const char *output;
	const char *dir;
	const char *uid_prefix;
	int multiline;
};

static void
usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "%s: ", prog);
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry '%s --help' for more information.\n", prog);
	exit(2);
}

static void
help(void)
{
	printf(
"Usage: %s [OPTIONS] roster|customers|events\n"
"       %s [OPTIONS] all --dir DIR\n"
"Write deterministic synthetic svc data as CSV (RFC 4180, UTF-8, LF).\n"
"\n"
"  roster      id,name,dept,position,unit,supervisor,leader,active\n"
"  customers   id,name,tier,contact,owner\n"
"  events      ts,staff,kind,value,customer,channel,dept,note,uid\n"
"              (warehouse: then vehicle,cargo, an unload's fields)\n"
"  all         the three files into DIR (roster.csv, customers.csv,\n"
"              events.csv)\n"
"\n"
"Options:\n"
"  -p, --policy SCHEME   group, smile, warehouse or water (or a path such\n"
"                        as sample-data/policies/water.ini); default group.\n"
"                        Departments, positions, kinds, values and customer\n"
"                        tiers follow that scheme's policy.\n"
"  -s, --seed N          PRNG seed (default 1); same options, same bytes\n"
"  -n, --staff N         staff in the roster (default 100). Staff ids are\n"
"                        S00001...; every unit has a supervisor and 7-9\n"
"                        members, every 3-4 units a leader; ~3%% of members\n"
"                        are inactive (they get no events)\n"
"  -c, --customers N     customers (default: as many as staff, at least 20);\n"
"                        ids C000001... (warehouse: the first is KH001\n"
"                        和路雪, whose unloads its policy times by customer)\n"
"  -e, --events N        events (default 10000)\n"
"      --start DATE      first day, YYYY-MM-DD (default 2026-07-01)\n"
"      --days N          days covered (default 92, i.e. 2026-Q3)\n"
"      --uid-prefix P    uid prefix (default gen-SCHEME-SEED); uids are\n"
"                        P-000000001... in time order\n"
"      --multiline       let a few notes span two lines (quoted)\n"
"  -o, --output FILE     write to FILE instead of standard output\n"
"  -d, --dir DIR         directory for 'all' (created if missing)\n"
"  -h, --help            show this help and exit\n"
"  -V, --version         show the version and exit\n"
"\n"
"Events are sorted by time, 08:00:00-17:59:59 +08:00 (so the date is the\n"
"same in UTC), with fewer on Saturdays and Sundays. The roster depends only\n"
"on --policy, --seed and --staff, so it can be generated separately from\n"
"the events that refer to it.\n"
"\n"
"Example:\n"
"  %s -p water -n 200 -e 1000000 all -d /tmp/bench\n",
	    prog, prog, prog);
}

static long
num_opt(const char *name, const char *arg, long min, long max)
{
	long v;

	if (svc_parse_long(arg, min, max, &v) != 0) {
		fprintf(stderr, "%s: --%s: '%s' is not a whole number in "
		    "%ld..%ld\nTry '%s --help' for more information.\n",
		    prog, name, arg, min, max, prog);
		exit(2);
	}
	return v;
}

static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
mdays(int y, int m)
{
	static const int md[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	return m == 2 && leap(y) ? 29 : md[m - 1];
}

/* Days since 1970-01-01 of a civil date (H. Hinnant's algorithm). */
static long
days_from_civil(int y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
civil_from_days(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static void
parse_date(const char *s, struct opts *o)
{
	int y, m, d;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		usage_error("--start: '%s' is not a date YYYY-MM-DD", s);
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			usage_error("--start: '%s' is not a date YYYY-MM-DD", s);
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (y < 1970 || y > 9998 || m < 1 || m > 12 || d < 1 || d > mdays(y, m))
		usage_error("--start: '%s' is not a valid date", s);
	o->y = y;
	o->m = m;
	o->d = d;
}

static struct scheme *
find_scheme(const char *arg)
{
	const char *b = strrchr(arg, '/');
	char name[64];
	size_t n;

	b = b ? b + 1 : arg;
	n = strlen(b);
	if (n > 4 && strcmp(b + n - 4, ".ini") == 0)
		n -= 4;
	if (n >= sizeof name)
		return NULL;
	memcpy(name, b, n);
	name[n] = '\0';
	for (size_t i = 0; i < N(schemes); i++)
		if (strcmp(schemes[i].name, name) == 0)
			return &schemes[i];
	return NULL;
}

/* ------------------------------------------------------------------ */
/* The organisation: staff laid out in divisions of 3-4 units. */

enum role { R_LEADER, R_SUP, R_MEMBER };

struct unit {
	const struct unitdef *def;
	char *name;		/* def->unit, or "def->unit-2" on later rounds */
};

struct staff {
	uint32_t unit;		/* index into units; leaders: their first unit */
	uint32_t sup, leader;	/* staff index + 1, 0 = none */
	uint8_t role;
	uint8_t active;
};

struct org {
	struct staff *st;
	size_t n;
	struct unit *units;
	size_t nunits;
	uint32_t *act[3];	/* active staff per role */
	size_t nact[3];
	uint32_t *owners;	/* active members of customer-owning units */
	size_t nowners;
	uint32_t *all_active;
	size_t nall_active;
};

static void
org_build(struct org *g, const struct scheme *sc, uint64_t seed, size_t n)
{
	struct rng r;
	size_t i = 0, ucount = 0, ucap = 16;

	rng_init(&r, seed, 1);
	memset(g, 0, sizeof *g);
	g->n = n;
	g->st = svc_xcalloc(n ? n : 1, sizeof *g->st);
	g->units = svc_xmalloc(ucap * sizeof *g->units);
	while (i < n) {
		size_t lead = i, nu = 3 + rng_below(&r, 2);

		g->st[i].role = R_LEADER;
		g->st[i].active = 1;
		g->st[i].unit = (uint32_t)ucount;	/* fixed below if none */
		i++;
		for (size_t u = 0; u < nu && i < n; u++) {
			size_t sup = i, nm = 7 + rng_below(&r, 3);
			size_t round = ucount / sc->nunits;

			if (ucount == ucap) {
				ucap *= 2;
				g->units = svc_xrealloc(g->units,
				    ucap * sizeof *g->units);
			}
			g->units[ucount].def = &sc->units[ucount % sc->nunits];
			if (round == 0) {
				g->units[ucount].name =
				    svc_xstrdup(g->units[ucount].def->unit);
			} else {
				struct svc_buf b = {0};

				svc_buf_printf(&b, "%s-%zu",
				    g->units[ucount].def->unit, round + 1);
				g->units[ucount].name = b.s;
			}
			g->st[i].role = R_SUP;
			g->st[i].active = 1;
			g->st[i].unit = (uint32_t)ucount;
			g->st[i].leader = (uint32_t)lead + 1;
			i++;
			for (size_t k = 0; k < nm && i < n; k++, i++) {
				g->st[i].role = R_MEMBER;
				g->st[i].active = rng_below(&r, 100) >= 3;
				g->st[i].unit = (uint32_t)ucount;
				g->st[i].sup = (uint32_t)sup + 1;
				g->st[i].leader = (uint32_t)lead + 1;
			}
			ucount++;
		}
		if (g->st[lead].unit >= ucount) {
			/* A leader with no unit (tiny rosters): give it one. */
			if (ucount == ucap) {
				ucap *= 2;
				g->units = svc_xrealloc(g->units,
				    ucap * sizeof *g->units);
			}
			g->units[ucount].def = &sc->units[ucount % sc->nunits];
			g->units[ucount].name =
			    svc_xstrdup(g->units[ucount].def->unit);
			ucount++;
		}
	}
	g->nunits = ucount;
	for (int k = 0; k < 3; k++)
		g->act[k] = svc_xmalloc((n ? n : 1) * sizeof(uint32_t));
	g->owners = svc_xmalloc((n ? n : 1) * sizeof(uint32_t));
	g->all_active = svc_xmalloc((n ? n : 1) * sizeof(uint32_t));
	for (i = 0; i < n; i++) {
		const struct staff *s = &g->st[i];

		if (!s->active)
			continue;
		g->all_active[g->nall_active++] = (uint32_t)i;
		g->act[s->role][g->nact[s->role]++] = (uint32_t)i;
		if (s->role == R_MEMBER && g->units[s->unit].def->owns)
			g->owners[g->nowners++] = (uint32_t)i;
	}
	if (g->nowners == 0) {
		memcpy(g->owners, g->all_active,
		    g->nall_active * sizeof(uint32_t));
		g->nowners = g->nall_active;
	}
}

static void
org_free(struct org *g)
{
	for (size_t i = 0; i < g->nunits; i++)
		free(g->units[i].name);
	free(g->units);
	free(g->st);
	for (int k = 0; k < 3; k++)
		free(g->act[k]);
	free(g->owners);
	free(g->all_active);
}

static const char *
staff_dept(const struct scheme *sc, const struct org *g, const struct staff *s)
{
	if (s->role == R_LEADER && sc->leader_dept)
		return sc->leader_dept;
	return g->units[s->unit].def->dept;
}

static const char *
staff_unit(const struct scheme *sc, const struct org *g, const struct staff *s)
{
	if (s->role == R_LEADER)
		return sc->leader_dept ? sc->leader_dept
		    : g->units[s->unit].def->dept;
	return g->units[s->unit].name;
}

static const char *
staff_pos(const struct scheme *sc, const struct org *g, const struct staff *s)
{
	switch (s->role) {
	case R_LEADER:
		return sc->leader_pos;
	case R_SUP:
		return g->units[s->unit].def->sup_pos;
	default:
		return g->units[s->unit].def->member_pos;
	}
}

static const struct table *
staff_table(const struct scheme *sc, const struct org *g, const struct staff *s)
{
	switch (s->role) {
	case R_LEADER:
		return &sc->tables[sc->leader_table];
	case R_SUP:
		return &sc->tables[sc->sup_table];
	default:
		return &sc->tables[g->units[s->unit].def->table];
	}
}

static void
out_id(struct out *o, char letter, uint64_t n, int width)
{
	out_ch(o, letter);
	out_uint(o, n, width);
}

/* A Chinese personal name into buf (at most 16 bytes). */
static void
make_name(struct rng *r, char *buf)
{
	uint32_t u = rng_below(r, 1000), si;
	size_t ns = N(surnames);

	if (u < 400)
		si = rng_below(r, 10);		/* the ten commonest */
	else if (u < 995)
		si = rng_below(r, (uint32_t)ns - 4);
	else
		si = (uint32_t)ns - 4 + rng_below(r, 4);	/* compound */
	strcpy(buf, surnames[si]);
	strcat(buf, given[rng_below(r, N(given))]);
	if (rng_below(r, 4) != 0)
		strcat(buf, given[rng_below(r, N(given))]);
}

static void
write_roster(struct out *o, const struct scheme *sc, const struct org *g,
    uint64_t seed)
{
	struct rng nr;
	char name[32];

	rng_init(&nr, seed, 2);
	out_str(o, "id,name,dept,position,unit,supervisor,leader,active\n");
	for (size_t i = 0; i < g->n; i++) {
		const struct staff *s = &g->st[i];

		make_name(&nr, name);
		out_id(o, 'S', i + 1, 5);
		out_ch(o, ',');
		out_fieldz(o, name);
		out_ch(o, ',');
		out_fieldz(o, staff_dept(sc, g, s));
		out_ch(o, ',');
		out_fieldz(o, staff_pos(sc, g, s));
		out_ch(o, ',');
		out_fieldz(o, staff_unit(sc, g, s));
		out_ch(o, ',');
		if (s->sup)
			out_id(o, 'S', s->sup, 5);
		out_ch(o, ',');
		if (s->leader)
			out_id(o, 'S', s->leader, 5);
		out_ch(o, ',');
		out_ch(o, s->active ? '1' : '0');
		out_ch(o, '\n');
	}
}

static size_t
ncustomers(const struct opts *op)
{
	if (op->customers >= 0)
		return (size_t)op->customers;
	return op->staff < 20 ? 20 : (size_t)op->staff;
}

static void
write_customers(struct out *o, const struct scheme *sc, const struct org *g,
    const struct opts *op)
{
	struct rng r;
	size_t n = ncustomers(op);
	unsigned tw = 0;
	char name[160];

	rng_init(&r, op->seed, 3);
	for (size_t t = 0; t < sc->ntiers; t++)
		tw += sc->tiers[t].weight;
	out_str(o, "id,name,tier,contact,owner\n");
	for (size_t i = 0; i < n; i++) {
		const struct tierdef *t = sc->tiers;
		uint32_t x = rng_below(&r, tw);
		size_t ns = 0;

		for (size_t k = 0; k < sc->ntiers; k++) {
			if (x < sc->tiers[k].weight) {
				t = &sc->tiers[k];
				break;
			}
			x -= sc->tiers[k].weight;
		}
		while (ns < 3 && t->suffix[ns])
			ns++;
		if (ns == 0) {
			make_name(&r, name);
		} else {
			snprintf(name, sizeof name, "%s%s%s",
			    sc->places[rng_below(&r, (uint32_t)sc->nplaces)],
			    cores[rng_below(&r, N(cores))],
			    t->suffix[rng_below(&r, (uint32_t)ns)]);
		}
		if (i == 0 && sc->limit_cust) {
			out_str(o, sc->limit_cust->id);
			out_ch(o, ',');
			out_fieldz(o, sc->limit_cust->name);
			out_ch(o, ',');
			out_str(o, sc->limit_cust->tier);
		} else {
			out_id(o, 'C', i + 1, 6);
			out_ch(o, ',');
			out_fieldz(o, name);
			out_ch(o, ',');
			out_str(o, t->code);
		}
		out_ch(o, ',');
		if (rng_below(&r, 4) == 0) {	/* a landline */
			out_str(o, "0");
			out_uint(o, 300 + rng_below(&r, 700), 3);
			out_ch(o, '-');
			out_uint(o, rng_below(&r, 90000000) + 10000000, 8);
		} else {
			static const char pre[] = "35789";

			out_ch(o, '1');
			out_ch(o, pre[rng_below(&r, 5)]);
			out_uint(o, rng_below(&r, 1000000000), 9);
		}
		out_ch(o, ',');
		if (g->nowners)
			out_id(o, 'S', g->owners[rng_below(&r,
			    (uint32_t)g->nowners)] + 1, 5);
		out_ch(o, '\n');
	}
}

/* ------------------------------------------------------------------ */
/* Events */

#define DAY_SECONDS 36000	/* 08:00:00 .. 17:59:59 */

struct tagdef {
	const char *tag;
	unsigned limit, weight;
	const char *what;	/* the note; starts with the tag a limit matches
				   (the port's limits match note words) */
	const char *vehicle, *cargo;	/* the fields the limit matches
					   (warehouse); NULL: none */
};

/* 和路雪's limit matches its customer, the third parties' the fields */
static const struct tagdef unload_tags[] = {
	{"和路雪", 30, 3, "和路雪冷柜车卸车, 送至库内指定区域", NULL, NULL},
	{"13-15米挂车 泡货", 100, 2, "卸车入库", "13-15米挂车", "泡货"},
	{"13-15米挂车 重货", 120, 2, "卸车入库", "13-15米挂车", "重货"},
	{"7-9米箱车 泡货", 60, 2, "卸车入库", "7-9米箱车", "泡货"},
	{"7-9米箱车 重货", 90, 1, "卸车入库", "7-9米箱车", "重货"},
};

static const struct tagdef port_tags[] = {
	{"皮带机大柜", 40, 4, "皮带机大柜 市入, 不含对车时间", NULL, NULL},
	{"皮带机挂车", 50, 3, "皮带机挂车 市入挂车", NULL, NULL},
	{"液压翻板", 6, 3, "液压翻板 市入大柜", NULL, NULL},
	{"发放塔", 10, 3, "发放塔 市出装车", NULL, NULL},
	{"边仓", 20, 2, "边仓 市出装车", NULL, NULL},
	{"卸火车", 150, 1, "卸火车 整列卸车", NULL, NULL},
};

struct evctx {
	const struct scheme *sc;
	const struct org *g;
	struct rng r;
	size_t ncust;
	int multiline;
	const char *uidp;
	uint64_t seq;
	char date[16];		/* "2026-07-01T" */
};

static void
pick_staff(struct evctx *c, size_t *idx)
{
	const struct org *g = c->g;
	uint32_t u = rng_below(&c->r, 100);
	int role = u < 3 ? R_LEADER : u < 15 ? R_SUP : R_MEMBER;

	if (g->nact[role] == 0)
		role = g->nact[R_MEMBER] ? R_MEMBER : g->nact[R_SUP] ? R_SUP
		    : R_LEADER;
	*idx = g->act[role][rng_below(&c->r, (uint32_t)g->nact[role])];
}

static void
emit_event(struct out *o, struct evctx *c, uint32_t sec)
{
	const struct org *g = c->g;
	const struct staff *s;
	const struct table *t;
	const struct kindgen *k = NULL;
	size_t si, nn, nc;
	uint32_t x, h, mi, se;
	long value = -1;
	char note[200];
	const char *notep = NULL;
	size_t notelen = 0;
	const struct tagdef *unload = NULL;	/* an unload's tag */

	pick_staff(c, &si);
	s = &g->st[si];
	t = staff_table(c->sc, g, s);
	x = rng_below(&c->r, t->total);
	for (size_t i = 0; i < t->n; i++) {
		if (x < t->k[i].weight) {
			k = &t->k[i];
			break;
		}
		x -= t->k[i].weight;
	}
	if (!k)
		k = &t->k[0];

	/* ts */
	h = 8 + sec / 3600;
	mi = sec / 60 % 60;
	se = sec % 60;
	out_str(o, c->date);
	out_uint(o, h, 2);
	out_ch(o, ':');
	out_uint(o, mi, 2);
	out_ch(o, ':');
	out_uint(o, se, 2);
	out_str(o, "+08:00,");
	out_id(o, 'S', si + 1, 5);
	out_ch(o, ',');
	out_str(o, k->code);
	out_ch(o, ',');

	/* value, and notes that depend on it */
	switch (k->vg) {
	case V_NONE:
		break;
	case V_SCORE: {
		int a[4], sum = 0;

		for (int i = 0; i < 4; i++) {
			uint32_t u = rng_below(&c->r, 100);
			int d = u < 50 ? 0 : u < 78 ? 1 : u < 92 ? 2 : u < 97 ? 3
			    : 4 + (int)rng_below(&c->r, 6);

			a[i] = 25 - d;
			sum += a[i];
		}
		value = sum;
		snprintf(note, sizeof note, "日常考核：遵章守纪%d，文明礼貌%d，"
		    "优质服务%d，思想道德%d", a[0], a[1], a[2], a[3]);
		notep = note;
		break;
	}
	case V_DEDUCT:
		value = rng_below(&c->r, 20) == 0 ? 15 : 1 + rng_below(&c->r, 8);
		break;
	case V_SAT: {
		uint32_t u = rng_below(&c->r, 100);

		value = u < 55 ? 5 : u < 85 ? 4 : u < 94 ? 3 : u < 98 ? 2 : 1;
		break;
	}
	case V_UNLOAD:
	case V_PORTOP: {
		const struct tagdef *tags =
		    k->vg == V_UNLOAD ? unload_tags : port_tags;
		size_t nt = k->vg == V_UNLOAD ? N(unload_tags) : N(port_tags);
		unsigned tw = 0, limit;
		size_t ti = 0;

		for (size_t i = 0; i < nt; i++)
			tw += tags[i].weight;
		x = rng_below(&c->r, tw);
		for (ti = 0; ti + 1 < nt && x >= tags[ti].weight; ti++)
			x -= tags[ti].weight;
		limit = tags[ti].limit;
		if (k->vg == V_UNLOAD)
			unload = &tags[ti];
		value = (long)(limit * (55 + rng_below(&c->r, 62)) / 100);
		if (value < 1)
			value = 1;
		if (k->vg == V_UNLOAD && ti > 0) {
			snprintf(note, sizeof note, "%s 车牌苏E·%c%04u%s",
			    tags[ti].what, "ABCDEFGHJK"[rng_below(&c->r, 10)],
			    (unsigned)rng_below(&c->r, 10000),
			    (unsigned long)value > limit ? "，拖拉磨蹭超时" : "");
			notep = note;
		} else {
			snprintf(note, sizeof note, "%s%s", tags[ti].what,
			    (unsigned long)value > limit ? "，超时" : "");
			notep = note;
		}
		break;
	}
	case V_MIN_SHORT:
		value = 5 + rng_below(&c->r, 36);
		break;
	case V_MIN_LONG:
		value = 10 + rng_below(&c->r, 50);
		break;
	case V_COUNT:
		value = 1500 + rng_below(&c->r, 1200);
		break;
	}
	if (value >= 0)
		out_uint(o, (uint64_t)value, 0);
	out_ch(o, ',');

	/* customer: an unload of the customer a limit names is that
	   customer's, any other unload a third party's (not the first) */
	if (unload && !unload->vehicle && c->sc->limit_cust)
		out_str(o, c->sc->limit_cust->id);
	else if (unload && c->sc->limit_cust) {
		if (c->ncust > 1)
			out_id(o, 'C', rng_below(&c->r,
			    (uint32_t)c->ncust - 1) + 2, 6);
	} else if (c->ncust && k->cust_pct &&
	    rng_below(&c->r, 100) < k->cust_pct) {
		uint32_t ci = rng_below(&c->r, (uint32_t)c->ncust);

		if (ci == 0 && c->sc->limit_cust)
			out_str(o, c->sc->limit_cust->id);
		else
			out_id(o, 'C', ci + 1, 6);
	}
	out_ch(o, ',');

	/* channel */
	for (nc = 0; nc < MAXCHAN && k->chan[nc]; nc++)
		;
	out_str(o, nc ? k->chan[nc > 1 ? rng_below(&c->r, (uint32_t)nc) : 0]
	    : "site");
	out_ch(o, ',');

	/* dept */
	out_fieldz(o, staff_dept(c->sc, g, s));
	out_ch(o, ',');

	/* note */
	if (c->multiline && rng_below(&c->r, 200) == 0) {
		const char *ml = multiline_notes[rng_below(&c->r,
		    N(multiline_notes))];

		/* an operation's note keeps the words that pick its limit */
		if (notep == note) {
			size_t n = strlen(note);

			snprintf(note + n, sizeof note - n, "\n%s", ml);
		} else
			notep = ml;
	} else if (!notep) {
		for (nn = 0; nn < MAXNOTES && k->notes[nn]; nn++)
			;
		if (nn)
			notep = k->notes[nn > 1 ? rng_below(&c->r,
			    (uint32_t)nn) : 0];
	}
	if (notep) {
		notelen = strlen(notep);
		out_field(o, notep, notelen);
	}
	out_ch(o, ',');

	/* uid */
	out_str(o, c->uidp);
	out_ch(o, '-');
	out_uint(o, ++c->seq, 9);

	/* the fields: an unload's vehicle and cargo (warehouse) */
	if (c->sc->fieldcols[0] != '\0') {
		out_ch(o, ',');
		if (unload && unload->vehicle)
			out_str(o, unload->vehicle);
		out_ch(o, ',');
		if (unload && unload->cargo)
			out_str(o, unload->cargo);
	}
	out_ch(o, '\n');
}

static void
write_events(struct out *o, const struct scheme *sc, const struct org *g,
    const struct opts *op)
{
	struct evctx c;
	struct rng tr;
	uint32_t *hist = svc_xcalloc(DAY_SECONDS, sizeof *hist);
	long start = days_from_civil(op->y, op->m, op->d);
	uint64_t wtotal = 0, wcum = 0, done = 0;
	uint64_t total = (uint64_t)op->events;
	char ubuf[96];

	memset(&c, 0, sizeof c);
	c.sc = sc;
	c.g = g;
	c.ncust = ncustomers(op);
	c.multiline = op->multiline;
	rng_init(&c.r, op->seed, 4);
	rng_init(&tr, op->seed, 5);
	if (op->uid_prefix) {
		c.uidp = op->uid_prefix;
	} else {
		snprintf(ubuf, sizeof ubuf, "gen-%s-%llu", sc->name,
		    (unsigned long long)op->seed);
		c.uidp = ubuf;
	}
	out_str(o, "ts,staff,kind,value,customer,channel,dept,note,uid");
	out_str(o, sc->fieldcols);
	out_ch(o, '\n');
	if (g->nall_active == 0 || total == 0) {
		free(hist);
		return;
	}
	/* weekdays weigh 10, Saturdays 4, Sundays 2 */
	for (long d = 0; d < op->days; d++) {
		long wd = ((start + d) % 7 + 7 + 3) % 7;	/* 0 = Monday */

		wtotal += wd < 5 ? 10 : wd == 5 ? 4 : 2;
	}
	for (long d = 0; d < op->days; d++) {
		long wd = ((start + d) % 7 + 7 + 3) % 7;
		uint64_t upto, nday;
		int y, m, dd;

		wcum += wd < 5 ? 10 : wd == 5 ? 4 : 2;
		/* total <= 1e11 and wcum <= 366000: no overflow */
		upto = total * wcum / wtotal;
		nday = upto - done;
		done = upto;
		if (nday == 0)
			continue;
		civil_from_days(start + d, &y, &m, &dd);
		snprintf(c.date, sizeof c.date, "%04d-%02d-%02dT", y, m, dd);
		memset(hist, 0, DAY_SECONDS * sizeof *hist);
		for (uint64_t i = 0; i < nday; i++)
			hist[rng_below(&tr, DAY_SECONDS)]++;
		for (uint32_t sec = 0; sec < DAY_SECONDS; sec++)
			for (uint32_t j = 0; j < hist[sec]; j++)
				emit_event(o, &c, sec);
	}
	free(hist);
}

/* ------------------------------------------------------------------ */

static FILE *
open_out(const char *path)
{
	FILE *fp = fopen(path, "w");

	if (!fp) {
		fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
		exit(1);
	}
	return fp;
}

static void
finish(struct out *o, const char *name)
{
	out_flush(o);
	if (fflush(o->fp) != 0 || ferror(o->fp)) {
		fprintf(stderr, "%s: %s: write error: %s\n", prog, name,
		    strerror(errno));
		exit(1);
	}
	if (o->fp != stdout && fclose(o->fp) != 0) {
		fprintf(stderr, "%s: %s: %s\n", prog, name, strerror(errno));
		exit(1);
	}
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"policy", required_argument, NULL, 'p'},
		{"seed", required_argument, NULL, 's'},
		{"staff", required_argument, NULL, 'n'},
		{"customers", required_argument, NULL, 'c'},
		{"events", required_argument, NULL, 'e'},
		{"start", required_argument, NULL, 'S'},
		{"days", required_argument, NULL, 'D'},
		{"uid-prefix", required_argument, NULL, 'U'},
		{"multiline", no_argument, NULL, 'M'},
		{"output", required_argument, NULL, 'o'},
		{"dir", required_argument, NULL, 'd'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	struct opts op;
	struct org g;
	const char *what;
	int ch;
	static char *bufs[3];

	memset(&op, 0, sizeof op);
	op.seed = 1;
	op.staff = 100;
	op.customers = -1;
	op.events = 10000;
	op.y = 2026;
	op.m = 7;
	op.d = 1;
	op.days = 92;
	op.sc = &schemes[0];
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":p:s:n:c:e:o:d:hV", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'p':
			op.sc = find_scheme(optarg);
			if (!op.sc)
				usage_error("--policy: unknown scheme '%s' "
				    "(group, smile, warehouse, water)", optarg);
			break;
		case 's':
			op.seed = (uint64_t)num_opt("seed", optarg, 0,
			    9007199254740991L);
			break;
		case 'n':
			op.staff = num_opt("staff", optarg, 1, 9999999);
			break;
		case 'c':
			op.customers = num_opt("customers", optarg, 0, 99999999);
			break;
		case 'e':
			op.events = num_opt("events", optarg, 0,
			    100000000000L);
			break;
		case 'S':
			parse_date(optarg, &op);
			break;
		case 'D':
			op.days = num_opt("days", optarg, 1, 36600);
			break;
		case 'U':
			if (!*optarg || strpbrk(optarg, ",\"\r\n"))
				usage_error("--uid-prefix: '%s' must be "
				    "non-empty, without commas, quotes or "
				    "line breaks", optarg);
			op.uid_prefix = optarg;
			break;
		case 'M':
			op.multiline = 1;
			break;
		case 'o':
			op.output = optarg;
			break;
		case 'd':
			op.dir = optarg;
			break;
		case 'h':
			help();
			return 0;
		case 'V':
			printf("gen-data (svc) %s\n", SVC_VERSION);
			return 0;
		case ':':
			usage_error("option '%s' needs an argument",
			    argv[optind - 1]);
			break;
		default:
			if (optopt) {
				char opt[3] = {'-', (char)optopt, '\0'};

				usage_error("unknown option '%s'", opt);
			}
			usage_error("unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind >= argc)
		usage_error("%s", "missing what to write: roster, customers, "
		    "events or all");
	if (optind + 1 < argc)
		usage_error("unexpected argument '%s'", argv[optind + 1]);
	what = argv[optind];
	if (strcmp(what, "all") == 0) {
		if (!op.dir)
			usage_error("%s", "'all' needs --dir DIR");
		if (op.output)
			usage_error("%s", "'all' writes into --dir; drop -o");
	} else if (strcmp(what, "roster") && strcmp(what, "customers") &&
	    strcmp(what, "events")) {
		usage_error("unknown data '%s' (roster, customers, events, all)",
		    what);
	} else if (op.dir) {
		usage_error("%s", "--dir goes with 'all' only");
	}

	for (size_t i = 0; i < op.sc->ntables; i++) {
		struct table *t = &op.sc->tables[i];

		t->total = 0;
		for (size_t k = 0; k < t->n; k++)
			t->total += t->k[k].weight;
	}
	org_build(&g, op.sc, op.seed, (size_t)op.staff);

	if (strcmp(what, "all") == 0) {
		static const char *const names[3] = {
			"roster.csv", "customers.csv", "events.csv"
		};

		if (mkdir(op.dir, 0777) != 0 && errno != EEXIST) {
			fprintf(stderr, "%s: %s: %s\n", prog, op.dir,
			    strerror(errno));
			return 1;
		}
		for (int i = 0; i < 3; i++) {
			struct svc_buf path = {0};
			struct out o;

			svc_buf_printf(&path, "%s/%s", op.dir, names[i]);
			o.fp = open_out(path.s);
			bufs[i] = svc_xmalloc(OUTBUF);
			setvbuf(o.fp, NULL, _IOFBF, OUTBUF);
			o.buf = bufs[i];
			o.len = 0;
			if (i == 0)
				write_roster(&o, op.sc, &g, op.seed);
			else if (i == 1)
				write_customers(&o, op.sc, &g, &op);
			else
				write_events(&o, op.sc, &g, &op);
			finish(&o, path.s);
			svc_buf_release(&path);
			free(bufs[i]);
		}
	} else {
		struct out o;

		o.fp = op.output ? open_out(op.output) : stdout;
		setvbuf(o.fp, NULL, _IOFBF, OUTBUF);
		o.buf = svc_xmalloc(OUTBUF);
		o.len = 0;
		if (strcmp(what, "roster") == 0)
			write_roster(&o, op.sc, &g, op.seed);
		else if (strcmp(what, "customers") == 0)
			write_customers(&o, op.sc, &g, &op);
		else
			write_events(&o, op.sc, &g, &op);
		finish(&o, op.output ? op.output : "stdout");
		free(o.buf);
	}
	org_free(&g);
	return 0;
}
