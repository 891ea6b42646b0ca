#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "table.h"

static char *
render(const struct svc_doc *d, enum svc_format f, int width, int excel)
{
	struct svc_render_opts o = { .width = width, .excel = excel };
	char *s = NULL;
	size_t n;
	FILE *fp = open_memstream(&s, &n);

	svc_doc_write(d, f, &o, fp);
	fclose(fp);
	return s;
}

/* a two-column table of names and numbers, grouped by the first */
static void
sample(struct svc_doc *d)
{
	static const char *const t[] = { "dept", "name", "score", "" };
	static const enum svc_cell_type ty[] = { SVC_CELL_TEXT, SVC_CELL_TEXT,
	    SVC_CELL_NUM, SVC_CELL_BAR };
	struct svc_table *tb;
	size_t r;

	svc_doc_init(d, "Title");
	svc_doc_para(d, "%d rows", 3);
	tb = svc_doc_table(d, "", 4, t, ty);
	tb->group = 1;
	r = svc_table_row(tb, SVC_ROW_DATA);
	svc_table_set(tb, r, 0, "营业厅");
	svc_table_set(tb, r, 1, "张三");
	svc_table_num(tb, r, 2, 100, 1);
	svc_table_bar(tb, r, 3, 1);
	r = svc_table_row(tb, SVC_ROW_DATA);
	svc_table_set(tb, r, 0, "营业厅");
	svc_table_set(tb, r, 1, "=HYPERLINK(\"x\")");
	svc_table_num(tb, r, 2, -5, -1);
	svc_table_bar(tb, r, 3, 0.5);
	r = svc_table_row(tb, SVC_ROW_TOTAL);
	svc_table_set(tb, r, 0, "营业厅");
	svc_table_set(tb, r, 1, "a|b<c>");
	svc_table_num(tb, r, 2, 47.5, 2);
}

/*
 * csv of several tables is one table: a section column, then the tables'
 * columns, one column for a title two tables share (two of one table's
 * stay two); named sections and totals; paragraphs and tables' titles
 * left out.
 */
START_TEST(csv_one_table)
{
	static const char *const a[] = { "id", "owner", "age" };
	static const char *const b[] = { "id", "closed", "owner", "owner" };
	static const char *const c[] = { "item", "value" };
	struct svc_doc d;
	struct svc_table *t;
	size_t r;
	char *s;

	svc_doc_init(&d, "Orders");
	svc_doc_para(&d, "Judged now.");
	t = svc_doc_table(&d, "Open orders", 3, a, NULL);
	svc_table_section(t, "open", NULL);
	r = svc_table_row(t, SVC_ROW_DATA);
	svc_table_set(t, r, 0, "1");
	svc_table_set(t, r, 1, "KF009");
	svc_table_set(t, r, 2, "3.5");
	t = svc_doc_table(&d, "Closed", 4, b, NULL);
	r = svc_table_row(t, SVC_ROW_DATA);
	svc_table_set(t, r, 0, "2");
	svc_table_set(t, r, 1, "2026-10-01");
	svc_table_set(t, r, 2, "KF007");
	svc_table_set(t, r, 3, "KF015");
	t = svc_doc_table(&d, "Summary", 2, c, NULL);
	svc_table_section(t, "summary", "rate");
	r = svc_table_row(t, SVC_ROW_DATA);
	svc_table_set(t, r, 0, "opened");
	svc_table_set(t, r, 1, "2");
	r = svc_table_row(t, SVC_ROW_TOTAL);
	svc_table_set(t, r, 0, "rate %");
	svc_table_set(t, r, 1, "50.0");
	s = render(&d, SVC_FMT_CSV, 80, 0);
	ck_assert_str_eq(s, "section,id,owner,age,closed,owner,item,value\n"
	    "open,1,KF009,3.5,,,,\n"
	    "Closed,2,KF007,,2026-10-01,KF015,,\n"
	    "summary,,,,,,opened,2\n"
	    "rate,,,,,,rate %,50.0\n");
	free(s);
	svc_doc_release(&d);
	/* no table, no csv */
	svc_doc_init(&d, "Nothing");
	svc_doc_para(&d, "No awards.");
	s = render(&d, SVC_FMT_CSV, 80, 0);
	ck_assert_str_eq(s, "");
	free(s);
	svc_doc_release(&d);
}
END_TEST

/* text: a key column (a name) is cut only after the bars have gone and
 * the other text is down to 4 columns */
START_TEST(text_keys)
{
	static const char *const t[] = { "name", "reason", "score", "" };
	static const enum svc_cell_type ty[] = { SVC_CELL_TEXT, SVC_CELL_TEXT,
	    SVC_CELL_NUM, SVC_CELL_BAR };
	struct svc_doc d;
	struct svc_table *tb;
	size_t r;
	char *s;

	svc_doc_init(&d, "");
	tb = svc_doc_table(&d, "", 4, t, ty);
	tb->cols[0].key = 1;
	r = svc_table_row(tb, SVC_ROW_DATA);
	svc_table_set(tb, r, 0, "欧阳娜娜");
	svc_table_set(tb, r, 1, "disqualified by a complaint");
	svc_table_num(tb, r, 2, 90, 0);
	svc_table_bar(tb, r, 3, 1);
	s = render(&d, SVC_FMT_TEXT, 24, 0);
	ck_assert_str_eq(s, "\n\nname      reason  score\n"
	    "--------  ------  -----\n"
	    "欧阳娜娜  disqu…     90\n");
	free(s);
	s = render(&d, SVC_FMT_TEXT, 20, 0);
	ck_assert_str_eq(s, "\n\nname     rea…  score\n"
	    "-------  ----  -----\n"
	    "欧阳娜…  dis…     90\n");
	free(s);
	svc_doc_release(&d);
}
END_TEST

/* display widths: Han 2, ambiguous · 1, combining 0, ASCII 1 */
START_TEST(text_width)
{
	ck_assert_int_eq(svc_text_width("张三"), 4);
	ck_assert_int_eq(svc_text_width("阿卜杜·热合曼"), 13);
	ck_assert_int_eq(svc_text_width("Zoe\xcc\x88"), 3);
	ck_assert_int_eq(svc_text_width("abc"), 3);
	ck_assert_int_eq(svc_text_width(""), 0);
}
END_TEST

/* text: groups as headings, numbers right-aligned, bars with '#' */
START_TEST(text_layout)
{
	struct svc_doc d;
	char *s;

	sample(&d);
	s = render(&d, SVC_FMT_TEXT, 80, 0);
	ck_assert_str_eq(s,
	    "Title\n"
	    "\n"
	    "3 rows\n"
	    "\n"
	    "name             score\n"
	    "---------------  -----  --------------------\n"
	    "营业厅\n"
	    "张三             100.0  ####################\n"
	    "=HYPERLINK(\"x\")     -5  ##########\n"
	    "a|b<c>           47.50\n");
	free(s);
	svc_doc_release(&d);
}
END_TEST

/* text at a narrow width: the bar gives way, then text is cut with … */
START_TEST(text_cut)
{
	struct svc_doc d;
	char *s;

	sample(&d);
	s = render(&d, SVC_FMT_TEXT, 20, 0);
	ck_assert_str_eq(s, "Title\n\n3 rows\n\n"
	    "name    score\n"
	    "------  -----  -----\n"
	    "营业厅\n"
	    "张三    100.0  #####\n"
	    "=HYPE…     -5  ###\n"
	    "a|b<c>  47.50\n");
	free(s);
	svc_doc_release(&d);
}
END_TEST

static void
dates(struct svc_doc *d, const char *when)
{
	static const char *const t[] = { "id", "opened", "matter", "due" };
	static const enum svc_cell_type ty[] = { SVC_CELL_NUM, SVC_CELL_DATE,
	    SVC_CELL_TEXT, SVC_CELL_DATE };
	struct svc_table *tb;
	size_t r;

	svc_doc_init(d, "");
	tb = svc_doc_table(d, "", 4, t, ty);
	r = svc_table_row(tb, SVC_ROW_DATA);
	svc_table_num(tb, r, 0, 7, 0);
	svc_table_set(tb, r, 1, "2026-07-09 10:52");
	svc_table_set(tb, r, 2, "follow-up of dissatisfied revisit");
	svc_table_set(tb, r, 3, when);
}

/* a date is never cut: text gives way first (to 20), then a date-time's
 * time, then text again; a cell of a date column that is not a
 * date-time is shown whole, and leaves the other date column alone */
START_TEST(text_dates)
{
	struct svc_doc d;
	char *s;

	dates(&d, "2026-07-12 10:52");
	s = render(&d, SVC_FMT_TEXT, 60, 0);
	/* an empty title still takes its line and the blank after it */
	ck_assert_str_eq(s, "\n\nid  opened            matter                "
	    "due\n"
	    "--  ----------------  --------------------  ----------------\n"
	    " 7  2026-07-09 10:52  follow-up of dissat…  2026-07-12 10:52\n");
	free(s);
	s = render(&d, SVC_FMT_TEXT, 40, 0);
	ck_assert_str_eq(s, "\n\nid  opened      matter        due\n"
	    "--  ----------  ------------  ----------\n"
	    " 7  2026-07-09  follow-up o…  2026-07-12\n");
	free(s);
	s = render(&d, SVC_FMT_TEXT, 20, 0);
	ck_assert_ptr_null(strstr(s, "-…"));
	ck_assert_ptr_nonnull(strstr(s, " 7  2026-07-09  "));
	free(s);
	svc_doc_release(&d);

	dates(&d, "soon, or 2026-07-12 10:52");
	s = render(&d, SVC_FMT_TEXT, 40, 0);
	ck_assert_ptr_nonnull(strstr(s, "soon, or 2026-07-12 10:52\n"));
	ck_assert_ptr_nonnull(strstr(s, " 7  2026-07-09  "));
	free(s);
	svc_doc_release(&d);
}
END_TEST

/* csv: no bars, groups repeated, the total marked in the section column,
 * excel neutralises formulas not numbers */
START_TEST(csv_excel)
{
	struct svc_doc d;
	char *s;

	sample(&d);
	s = render(&d, SVC_FMT_CSV, 80, 0);
	ck_assert_str_eq(s, "section,dept,name,score\n"
	    "table,营业厅,张三,100.0\n"
	    "table,营业厅,\"=HYPERLINK(\"\"x\"\")\",-5\n"
	    "table total,营业厅,a|b<c>,47.50\n");
	free(s);
	s = render(&d, SVC_FMT_CSV, 80, 1);
	ck_assert_str_eq(s, "\xef\xbb\xbf" "section,dept,name,score\r\n"
	    "table,营业厅,张三,100.0\r\n"
	    "table,营业厅,\"'=HYPERLINK(\"\"x\"\")\",-5\r\n"
	    "table total,营业厅,a|b<c>,47.50\r\n");
	free(s);
	svc_doc_release(&d);
}
END_TEST

/* md: pipes escaped, numbers right-aligned, totals bold, no bars */
START_TEST(md_table)
{
	struct svc_doc d;
	char *s;

	sample(&d);
	s = render(&d, SVC_FMT_MD, 80, 0);
	ck_assert_str_eq(s, "# Title\n\n3 rows\n\n"
	    "| dept | name | score |\n|---|---|---:|\n"
	    "| 营业厅 | 张三 | 100.0 |\n"
	    "|  | =HYPERLINK(\"x\") | -5 |\n"
	    "| **营业厅** | **a\\|b&lt;c>** | **47.50** |\n");
	free(s);
	svc_doc_release(&d);
}
END_TEST

/*
 * md: what a name could say in markup shows as text: links, images,
 * emphasis, code, strikethrough, pipes, HTML, entities, a heading's
 * closing #, and at the start of a paragraph a list or a quote; a
 * preformatted block gets a fence longer than any backtick run in it.
 */
START_TEST(md_markup)
{
	static const char *const t[] = { "name", "n" };
	struct svc_doc d;
	struct svc_table *tb;
	size_t r;
	char *s;

	svc_doc_init(&d, "1. <b>x</b> #");
	svc_doc_para(&d, "- [a](http://e/) & > b");
	svc_doc_para(&d, "> q");
	svc_doc_pre(&d, "A ```\n```\n<script>alert(1)</script>\n````x");
	tb = svc_doc_table(&d, "t", 2, t, NULL);
	r = svc_table_row(tb, SVC_ROW_DATA);
	svc_table_set(tb, r, 0, "![i](http://e/i.png) *b* _i_ `c` ~~s~~ "
	    "a|b <img src=x onerror=alert(1)> &amp; {x} \\");
	svc_table_set(tb, r, 1, "-5");
	s = render(&d, SVC_FMT_MD, 80, 0);
	ck_assert_str_eq(s, "# 1\\. &lt;b>x&lt;/b> \\#\n\n"
	    "\\- \\[a\\](http://e/) &amp; > b\n\n"
	    "\\> q\n\n"
	    "`````\nA ```\n```\n<script>alert(1)</script>\n````x\n`````\n\n"
	    "## t\n\n| name | n |\n|---|---|\n"
	    "| \\!\\[i\\](http://e/i.png) \\*b\\* \\_i\\_ \\`c\\` \\~\\~s\\~\\~ "
	    "a\\|b &lt;img src=x onerror=alert(1)> &amp;amp; \\{x\\} \\\\ "
	    "| -5 |\n");
	free(s);
	svc_doc_release(&d);
}
END_TEST

/*
 * Control characters in the data never reach a terminal or a reader raw:
 * text, md and html show them as escapes (paragraphs keep their lines);
 * csv is data and keeps every byte.
 */
START_TEST(control_chars)
{
	static const char *const t[] = { "na\x1bme" };
	struct svc_doc d;
	struct svc_table *tb;
	size_t r;
	char *s;

	svc_doc_init(&d, "T\x1b]0;x\x07");
	svc_doc_para(&d, "a\tb\nc\rd\x1b[2J");
	tb = svc_doc_table(&d, "", 1, t, NULL);
	r = svc_table_row(tb, SVC_ROW_DATA);
	svc_table_set(tb, r, 0, "\x1b[31mred\xc2\x9b\nx");
	s = render(&d, SVC_FMT_TEXT, 80, 0);
	ck_assert_str_eq(s, "T\\x1b]0;x\\x07\n\na\tb\nc\\x0dd\\x1b[2J\n\n"
	    "na\\x1bme\n" "----------------------\n"
	    "\\x1b[31mred\\u009b\\x0ax\n");
	free(s);
	s = render(&d, SVC_FMT_HTML, 80, 0);
	ck_assert_ptr_null(strpbrk(s, "\x1b\x07\r"));
	ck_assert_ptr_nonnull(strstr(s, "\\x1b[31mred\\u009b\\x0ax"));
	free(s);
	s = render(&d, SVC_FMT_MD, 80, 0);
	ck_assert_ptr_null(strpbrk(s, "\x1b\x07\r"));
	ck_assert_ptr_nonnull(strstr(s, "| \\\\x1b\\[31mred\\\\u009b\\\\x0ax |"));
	free(s);
	s = render(&d, SVC_FMT_CSV, 80, 0);
	ck_assert_str_eq(s, "section,na\x1bme\n"
	    "table,\"\x1b[31mred\xc2\x9b\nx\"\n");
	free(s);
	svc_doc_release(&d);
}
END_TEST

/* html: escaped, styled inline, no script, bars as cells with widths */
START_TEST(html_page)
{
	struct svc_doc d;
	char *s;

	sample(&d);
	s = render(&d, SVC_FMT_HTML, 80, 0);
	ck_assert_ptr_nonnull(strstr(s, "a|b&lt;c&gt;"));
	ck_assert_ptr_nonnull(strstr(s, "=HYPERLINK(&quot;x&quot;)"));
	ck_assert_ptr_null(strstr(s, "<script"));
	ck_assert_ptr_null(strstr(s, "<style"));
	ck_assert_ptr_null(strstr(s, "<link"));
	ck_assert_ptr_nonnull(strstr(s, "<td width=\"160\" height=\"10\""));
	ck_assert_ptr_nonnull(strstr(s, "<td width=\"80\" height=\"10\""));
	ck_assert_ptr_nonnull(strstr(s, "<meta charset=\"utf-8\">"));
	free(s);
	svc_doc_release(&d);
}
END_TEST

/* numbers: fixed decimals without "-0.0"; formats by name */
START_TEST(numbers_and_formats)
{
	static const char *const t[] = { "n" };
	struct svc_doc d;
	struct svc_table *tb;
	size_t r;

	svc_doc_init(&d, "x");
	tb = svc_doc_table(&d, "", 1, t, NULL);
	r = svc_table_row(tb, SVC_ROW_DATA);
	ck_assert_str_eq(svc_table_num(tb, r, 0, -0.04, 1)->text, "0.0");
	ck_assert_str_eq(svc_table_num(tb, r, 0, 94.995, -1)->text, "94.995");
	ck_assert_int_eq(svc_table_bar(tb, r, 0, 3)->frac == 1, 1);
	svc_doc_release(&d);
	ck_assert_int_eq(svc_format_parse("md"), SVC_FMT_MD);
	ck_assert_int_eq(svc_format_parse("mail"), SVC_FMT_MAIL);
	ck_assert_int_eq(svc_format_parse("pdf"), -1);
}
END_TEST

Suite *
suite_table(void)
{
	Suite *s = suite_create("table");
	TCase *tc = tcase_create("table");

	tcase_add_test(tc, text_width);
	tcase_add_test(tc, text_layout);
	tcase_add_test(tc, text_cut);
	tcase_add_test(tc, csv_excel);
	tcase_add_test(tc, csv_one_table);
	tcase_add_test(tc, text_keys);
	tcase_add_test(tc, text_dates);
	tcase_add_test(tc, md_table);
	tcase_add_test(tc, md_markup);
	tcase_add_test(tc, control_chars);
	tcase_add_test(tc, html_page);
	tcase_add_test(tc, numbers_and_formats);
	suite_add_tcase(s, tc);
	return s;
}
