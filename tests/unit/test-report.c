#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "scratch.h"

/*
 * The report builders on CSV input, read back from the document they
 * fill: which rows, in which order, with which ranks and totals. The
 * rendering of documents is test-table's; whole reports are the goldens
 * of tests/cli/0900 and 0950.
 */

static struct svc_doc d;

static void
setup(void)
{
	scratch_dir("report");
	svc_doc_init(&d, "");
}

static void
teardown(void)
{
	svc_doc_release(&d);
	scratch_rm();
}

/* The document's first table. */
static const struct svc_table *
table(void)
{
	for (size_t i = 0; i < d.nblocks; i++)
		if (d.blocks[i].kind == SVC_BLOCK_TABLE)
			return d.blocks[i].table;
	ck_abort_msg("no table");
	return NULL;
}

/* Row r as "cell|cell|...", bars left out. */
static const char *
row(const struct svc_table *t, size_t r)
{
	static char buf[512];
	size_t n = 0;

	buf[0] = '\0';
	for (size_t c = 0; c < t->ncols; c++) {
		if (t->cols[c].type == SVC_CELL_BAR)
			continue;
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%s",
		    c ? "|" : "", t->rows[r].cells[c].text);
	}
	return buf;
}

#define SCORES_HEAD "period,staff,name,dept,position,base,deductions," \
	"bonuses,joint,score,complaints,praises,events,eligible,reason,unit\n"

/*
 * Scores: departments in name order, each ranked high to low; equal
 * scores share a rank (1, 1, 3), ties go by staff id; no score comes
 * last without a rank; joint charges count as deductions; each
 * department ends with its average over those with a score.
 */
START_TEST(scores_ranked)
{
	struct svc_err e = { 0 };
	struct svc_report_in in = { 0 };
	const struct svc_table *t;

	in.csv = scratch_file("s.csv", SCORES_HEAD
	    "2026-08,G3,丙,装车班组,班长,100,-5,0,-3,92,1,0,1,yes,,u\n"
	    "2026-08,G9,壬,卸车班组,司磅,100,0,0,0,100,0,0,0,yes,,u\n"
	    "2026-08,G2,乙,装车班组,班员,,0,0,0,,0,0,0,no,no assessment,u\n"
	    "2026-08,G4,丁,装车班组,班员,100,0,6,0,106,0,1,1,yes,,u\n"
	    "2026-08,G1,甲,装车班组,班员,100,0,6,0,106,0,1,1,yes,,u\n");
	ck_assert_msg(svc_report_scores(&in, &d, &e) == 0, "%s", e.msg);
	t = table();
	ck_assert_uint_eq(t->nrows, 7);
	ck_assert_str_eq(row(t, 0), "卸车班组|1|G9|壬|司磅|100.00|0|0|0|yes");
	ck_assert_int_eq(t->rows[1].kind, SVC_ROW_TOTAL);
	ck_assert_str_eq(row(t, 1), "卸车班组||||average|100.00||||");
	ck_assert_str_eq(row(t, 2), "装车班组|1|G1|甲|班员|106.00|0|6|0|yes");
	ck_assert_str_eq(row(t, 3), "装车班组|1|G4|丁|班员|106.00|0|6|0|yes");
	ck_assert_str_eq(row(t, 4), "装车班组|3|G3|丙|班长|92.00|-8|0|1|yes");
	ck_assert_str_eq(row(t, 5),
	    "装车班组||G2|乙|班员||0|0|0|no: no assessment");
	ck_assert_str_eq(row(t, 6), "装车班组||||average|101.33||||");
}
END_TEST

#define AWARDS_HEAD "period,staff,name,dept,award,amount,action,rank," \
	"consecutive,posted_from,posted_until,payable,status\n"

/*
 * Awards: grouped by award in order of first appearance, each group
 * totalled over the rows neither withdrawn nor replaced.
 */
START_TEST(awards_totals)
{
	struct svc_err e = { 0 };
	struct svc_report_in in = { 0 };
	const struct svc_table *t;
	int totals = 0;

	in.csv = scratch_file("a.csv", AWARDS_HEAD
	    "2026-08,G1,甲,装车班组,服务明星,500,张榜公布,1,1,2026-09-05,"
	    "2026-09-05,2026-09,posted\n"
	    "2026-08,G8,辛,卸车班组,最差服务,-500,通报,,1,2026-09-05,"
	    "2026-09-05,2026-09,posted\n"
	    "2026-08,G4,丁,装车班组,服务明星,1000,张榜公布,1,2,2026-09-05,"
	    "2026-09-05,2026-09,withdrawn\n"
	    "2026-08,G6,己,司磅室,服务明星,500,张榜公布,1,1,2026-09-05,"
	    "2026-09-05,2026-09,replaced\n"
	    "2026-08,G7,庚,司磅室,服务明星,500,张榜公布,1,1,2026-09-05,"
	    "2026-09-05,2026-09,approved\n");
	ck_assert_msg(svc_report_awards(&in, &d, &e) == 0, "%s", e.msg);
	t = table();
	ck_assert_str_eq(t->rows[0].cells[0].text, "服务明星");
	for (size_t r = 0; r < t->nrows; r++) {
		if (t->rows[r].kind != SVC_ROW_TOTAL)
			continue;
		/* amount is the sixth column: 500 + 500 of four stars */
		if (totals++ == 0)
			ck_assert_str_eq(t->rows[r].cells[5].text, "1000");
		else
			ck_assert_str_eq(t->rows[r].cells[5].text, "-500");
	}
	ck_assert_int_eq(totals, 2);
}
END_TEST

/* A scores CSV without a required column is refused, naming it. */
START_TEST(scores_refused)
{
	struct svc_err e = { 0 };
	struct svc_report_in in = { 0 };

	in.csv = scratch_file("bad.csv", "period,staff,name\n2026-08,G1,甲\n");
	ck_assert_int_eq(svc_report_scores(&in, &d, &e), -1);
	ck_assert_str_eq(e.file, in.csv);
	ck_assert_int_eq(e.line, 1);
}
END_TEST

Suite *
suite_report(void)
{
	Suite *s = suite_create("report");
	TCase *tc = tcase_create("report");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, scores_ranked);
	tcase_add_test(tc, awards_totals);
	tcase_add_test(tc, scores_refused);
	suite_add_tcase(s, tc);
	return s;
}
