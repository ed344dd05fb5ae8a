/* Which files an answer may carry, and their download names (attachment.h). */
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "attachment.h"
#include "buf.h"
#include "i18n.h"
#include "utf8.h"
#include "validate.h"

/* What the first bytes of each kind of file must be. */
enum magic {
	MAGIC_PDF,
	MAGIC_PNG,
	MAGIC_JPEG,
	MAGIC_OOXML,	/* a ZIP with [Content_Types].xml: docx, xlsx */
	MAGIC_ODF,	/* a ZIP whose first entry "mimetype" names the type */
	MAGIC_OLE,	/* the compound file of the old Office: doc, xls */
	MAGIC_TEXT	/* UTF-8 text: csv, txt */
};

static const struct kind {
	const char	*ext;
	const char	*type;
	enum magic	 magic;
} kinds[] = {
	{ "pdf", "application/pdf", MAGIC_PDF },
	{ "png", "image/png", MAGIC_PNG },
	{ "jpg", "image/jpeg", MAGIC_JPEG },
	{ "jpeg", "image/jpeg", MAGIC_JPEG },
	{ "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", MAGIC_OOXML },
	{ "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", MAGIC_OOXML },
	{ "odt", "application/vnd.oasis.opendocument.text", MAGIC_ODF },
	{ "ods", "application/vnd.oasis.opendocument.spreadsheet", MAGIC_ODF },
	{ "doc", "application/msword", MAGIC_OLE },
	{ "xls", "application/vnd.ms-excel", MAGIC_OLE },
	{ "csv", "text/csv; charset=utf-8", MAGIC_TEXT },
	{ "txt", "text/plain; charset=utf-8", MAGIC_TEXT },
};

static bool
starts(const unsigned char *d, size_t n, const char *magic, size_t len)
{
	return n >= len && memcmp(d, magic, len) == 0;
}

/*
 * An OpenDocument file stores "mimetype", uncompressed, as its first ZIP
 * entry (ODF 1.2 part 3, 3.3): the name at offset 30, the type at 38.
 */
static bool
odf_is(const unsigned char *d, size_t n, const char *type)
{
	size_t len = strlen(type);

	return n >= 38 + len && memcmp(d + 30, "mimetype", 8) == 0 &&
	    memcmp(d + 38, type, len) == 0;
}

static bool
content_matches(const struct kind *k, const unsigned char *d, size_t n)
{
	switch (k->magic) {
	case MAGIC_PDF:
		return starts(d, n, "%PDF-", 5);
	case MAGIC_PNG:
		return starts(d, n, "\x89PNG\r\n\x1a\n", 8);
	case MAGIC_JPEG:
		return starts(d, n, "\xff\xd8\xff", 3);
	case MAGIC_OOXML:
		return starts(d, n, "PK\x03\x04", 4) &&
		    memmem(d, n, "[Content_Types].xml", 19) != NULL;
	case MAGIC_ODF:
		return starts(d, n, "PK\x03\x04", 4) && odf_is(d, n, k->type);
	case MAGIC_OLE:
		return starts(d, n, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8);
	case MAGIC_TEXT:
		return eco_text_valid((const char *)d, n, true);
	}
	return false;
}

/* The kind named by the extension of name; NULL if none is accepted. */
static const struct kind *
kind_of(const char *name)
{
	const char *dot = strrchr(name, '.');
	size_t i;

	if (dot == NULL || dot[1] == '\0')
		return NULL;
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcasecmp(dot + 1, kinds[i].ext) == 0)
			return &kinds[i];
	return NULL;
}

int
attachment_check(struct attachment_file *f, const char **why)
{
	const struct kind *k;

	f->type = NULL;
	if (f->size > ATTACH_SIZE_MAX) {
		*why = N_("An attached file is larger than 10 MB.");
		return 413;
	}
	if (!eco_text_ok(f->name, ATTACH_NAME_MAX, false) ||
	    strpbrk(f->name, "/\\") != NULL) {
		*why = N_("A file name must be one line of up to 200 characters, without / or \\.");
		return 400;
	}
	if ((k = kind_of(f->name)) == NULL) {
		*why = N_("Attach PDF, PNG or JPEG, Word, Excel or OpenDocument files, CSV or plain text.");
		return 400;
	}
	if (f->size == 0 || f->data == NULL) {
		*why = N_("An attached file is empty.");
		return 400;
	}
	if (!content_matches(k, f->data, f->size)) {
		*why = N_("The content of an attached file does not match the extension of its name.");
		return 400;
	}
	f->type = k->type;
	return 0;
}

/* RFC 5987 attr-char: sent as is in filename*. */
static bool
attr_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || (c != '\0' && strchr("!#$&+-.^_`|~", c));
}

const char *
attachment_disposition(struct eco_arena *a, const char *name)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *s = (const unsigned char *)name;
	struct eco_buf b;
	size_t i;

	eco_buf_init(&b, a);
	eco_buf_puts(&b, "attachment; filename=\"");
	for (i = 0; s[i] != '\0'; i++) {
		if ((s[i] & 0xc0) == 0x80)
			continue;	/* the rest of a character already written */
		if (s[i] >= 0x20 && s[i] < 0x7f && strchr("\"\\%;", s[i]) == NULL)
			eco_buf_putc(&b, (char)s[i]);
		else
			eco_buf_putc(&b, '_');
	}
	eco_buf_puts(&b, "\"; filename*=UTF-8''");
	for (i = 0; s[i] != '\0'; i++) {
		if (attr_char(s[i])) {
			eco_buf_putc(&b, (char)s[i]);
		} else {
			eco_buf_putc(&b, '%');
			eco_buf_putc(&b, hex[s[i] >> 4]);
			eco_buf_putc(&b, hex[s[i] & 0xf]);
		}
	}
	return b.data;
}
