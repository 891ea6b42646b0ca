/*
 * fuzz-xlsx: the workbook reader (lib/xlsxread) on any sheet XML. The
 * input is the worksheet part of a workbook whose other parts are fixed
 * (a workbook with the 1904 flag or not, shared strings with rich text,
 * styles with date formats), zipped with libzip into a scratch file,
 * because svc_xlsxr_open reads a path, as the tools do. The first byte
 * picks the date system; the rest is the sheet.
 *
 * Properties: a refusal names the workbook and says something; rows come
 * in increasing order, never past row 1048576 nor column XFD; every cell
 * is a string no longer than SVC_CSV_FIELD_MAX, and valid UTF-8.
 */
#include <string.h>
#include <unistd.h>

#include <zip.h>

#include "csvio.h"
#include "err.h"
#include "fuzz.h"
#include "util.h"
#include "xlsxread.h"

static char path[64];
static int fd = -1;

static void
cleanup(void)
{
	if (fd >= 0)
		unlink(path);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";

	(void)argc;
	(void)argv;
	snprintf(path, sizeof(path), "%s/svc-fuzz-xlsx.XXXXXX", dir);
	fd = mkstemp(path);
	FUZZ_CHECK(fd >= 0);
	atexit(cleanup);
	return 0;
}

#define NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""

static const char wb0[] = "<workbook " NS " xmlns:r=\"http://schemas."
    "openxmlformats.org/officeDocument/2006/relationships\"><workbookPr/>"
    "<sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets>"
    "</workbook>";
static const char wb1[] = "<workbook " NS " xmlns:r=\"http://schemas."
    "openxmlformats.org/officeDocument/2006/relationships\"><workbookPr "
    "date1904=\"1\"/><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/>"
    "</sheets></workbook>";
static const char rels[] = "<Relationships xmlns=\"http://schemas."
    "openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\""
    " Type=\"x/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship "
    "Id=\"rId2\" Type=\"x/sharedStrings\" Target=\"sharedStrings.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"x/styles\" Target=\"/xl/styles.xml\"/>"
    "</Relationships>";
static const char sst[] = "<sst " NS "><si><t>ts</t></si><si><r><t>st</t>"
    "</r><r><t>aff</t></r><rPh><t>x</t></rPh></si><si><t>0301021</t></si>"
    "</sst>";
static const char styles[] = "<styleSheet " NS "><numFmts count=\"1\">"
    "<numFmt numFmtId=\"164\" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;\"/>"
    "</numFmts><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/>"
    "<xf numFmtId=\"164\"/><xf numFmtId=\"2\"/></cellXfs></styleSheet>";

static void
add(zip_t *z, const char *name, const void *data, size_t n)
{
	zip_source_t *s = zip_source_buffer(z, data, n, 0);

	FUZZ_CHECK(s != NULL);
	FUZZ_CHECK(zip_file_add(z, name, s, ZIP_FL_OVERWRITE) >= 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	const char *const *cells;
	struct svc_xlsxr *x;
	struct svc_err e;
	size_t ncells;
	long row, last = 0;
	int rc, err = 0;
	zip_t *z;

	if (n == 0)
		return 0;
	z = zip_open(path, ZIP_TRUNCATE | ZIP_CREATE, &err);
	FUZZ_CHECK(z != NULL);
	add(z, "xl/workbook.xml", d[0] & 1 ? wb1 : wb0,
	    d[0] & 1 ? sizeof(wb1) - 1 : sizeof(wb0) - 1);
	add(z, "xl/_rels/workbook.xml.rels", rels, sizeof(rels) - 1);
	add(z, "xl/sharedStrings.xml", sst, sizeof(sst) - 1);
	add(z, "xl/styles.xml", styles, sizeof(styles) - 1);
	add(z, "xl/worksheets/sheet1.xml", d + 1, n - 1);
	FUZZ_CHECK(zip_close(z) == 0);

	svc_err_clear(&e);
	if ((x = svc_xlsxr_open(path, NULL, &e)) == NULL) {
		FUZZ_CHECK(strncmp(e.file, path, strlen(path)) == 0);
		FUZZ_CHECK(e.msg[0] != '\0');
		return 0;
	}
	while ((rc = svc_xlsxr_next(x, &cells, &ncells, &row, &e)) == 1) {
		FUZZ_CHECK(row > last && row <= 1048576);
		last = row;
		FUZZ_CHECK(ncells <= 16384);
		for (size_t i = 0; i < ncells; i++) {
			size_t len = strlen(cells[i]);

			FUZZ_CHECK(len <= SVC_CSV_FIELD_MAX);
			FUZZ_CHECK(svc_utf8_invalid(cells[i], len) < 0);
		}
	}
	if (rc < 0) {
		FUZZ_CHECK(strncmp(e.file, path, strlen(path)) == 0);
		FUZZ_CHECK(e.msg[0] != '\0');
	}
	svc_xlsxr_close(x);
	return 0;
}
