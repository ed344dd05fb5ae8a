/*
 * Building an e-mail: headers, the RFC 2047 subject, the base64 body.
 *
 * Why base64 for the body and not quoted-printable or 8bit: the text is
 * mostly Cyrillic, where base64 is shorter than quoted-printable, and it
 * needs no 8BITMIME from the relay.  A base64 line never starts with a
 * dot and never is longer than 76 characters, so neither SMTP's
 * dot-stuffing nor its 998-byte line limit can touch the body.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "arena.h"
#include "buf.h"
#include "utf8.h"
#include "message.h"

/* Bytes of subject per encoded-word: 39 bytes are 52 base64 characters,
 * and "=?UTF-8?B?" + 52 + "?=" is 64, so even the first line, after
 * "Subject: ", stays within RFC 2047's 76. */
#define WORD_BYTES	39
/* A subject this short and plain ASCII is written as it is. */
#define PLAIN_SUBJECT_MAX	(78 - 9)
#define BODY_LINE	76

bool
mail_address_valid(const char *s)
{
	size_t i, at = 0, nat = 0, len;

	if (s == NULL || (len = strlen(s)) < 3 || len > 254)
		return false;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c <= ' ' || c >= 0x7f || strchr("<>(),;:\"\\[]", c) != NULL)
			return false;
		if (c == '@') {
			at = i;
			nat++;
		}
	}
	return nat == 1 && at > 0 && at < len - 1;
}

void
mail_base64(const unsigned char *in, size_t n, size_t line, struct eco_buf *out)
{
	const int variant = sodium_base64_VARIANT_ORIGINAL;
	size_t size = sodium_base64_ENCODED_LEN(n, variant), len, i;
	char *enc = eco_alloc(out->arena, size);

	sodium_bin2base64(enc, size, in, n, variant);
	len = strlen(enc);
	if (line == 0) {
		eco_buf_append(out, enc, len);
		return;
	}
	for (i = 0; i < len; i += line) {
		eco_buf_append(out, enc + i, len - i < line ? len - i : line);
		eco_buf_append(out, "\r\n", 2);
	}
}

/* True when s can stand in the header as it is: short printable ASCII
 * that a decoder would not take for an encoded-word. */
static bool
subject_plain(const char *s, size_t len)
{
	size_t i;

	if (len > PLAIN_SUBJECT_MAX || strstr(s, "=?") != NULL)
		return false;
	for (i = 0; i < len; i++)
		if (s[i] < ' ' || s[i] > '~')
			return false;
	return true;
}

int
mail_encode_subject(const char *s, struct eco_buf *out)
{
	size_t len = strlen(s), pos = 0, n;

	if (len > MAIL_SUBJECT_MAX || !eco_text_valid(s, len, false))
		return -1;
	if (subject_plain(s, len)) {
		eco_buf_append(out, s, len);
		return 0;
	}
	while (pos < len) {
		n = len - pos < WORD_BYTES ? len - pos : WORD_BYTES;
		/* Never split a character: back off over continuation bytes
		 * (at most 3 in valid UTF-8) to the start of the last one. */
		if (pos + n < len)
			while (n > 0 && ((unsigned char)s[pos + n] & 0xc0) == 0x80)
				n--;
		if (pos > 0)
			eco_buf_append(out, "\r\n ", 3);
		eco_buf_puts(out, "=?UTF-8?B?");
		mail_base64((const unsigned char *)s + pos, n, 0, out);
		eco_buf_puts(out, "?=");
		pos += n;
	}
	return 0;
}

void
mail_format_date(long long t, long utc_offset, char *out, size_t outlen)
{
	static const char days[7][4] = {
	    "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
	static const char months[12][4] = {
	    "Jan", "Feb", "Mar", "Apr", "May", "Jun",
	    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	time_t local;
	struct tm tm;
	long off;

	/* Zones lie within a day of UTC; anything else is a bug upstream. */
	if (utc_offset <= -86400 || utc_offset >= 86400)
		utc_offset = 0;
	local = (time_t)(t + utc_offset);
	if (gmtime_r(&local, &tm) == NULL || tm.tm_wday < 0 || tm.tm_wday > 6 ||
	    tm.tm_mon < 0 || tm.tm_mon > 11) {
		snprintf(out, outlen, "Thu, 1 Jan 1970 00:00:00 +0000");
		return;
	}
	off = utc_offset < 0 ? -utc_offset : utc_offset;
	snprintf(out, outlen, "%s, %d %s %d %02d:%02d:%02d %c%02ld%02ld",
	    days[tm.tm_wday], tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900,
	    tm.tm_hour, tm.tm_min, tm.tm_sec, utc_offset < 0 ? '-' : '+',
	    off / 3600, off % 3600 / 60);
}

/*
 * The body in MIME's canonical form for text, CRLF line ends (a lone LF
 * or a lone CR becomes CRLF), then base64.  -1 if it is not text.
 */
static int
append_body(const char *body, struct eco_buf *out)
{
	size_t len = strlen(body), i;
	struct eco_buf canon;

	if (len > MAIL_BODY_MAX || !eco_text_valid(body, len, true))
		return -1;
	eco_buf_init(&canon, out->arena);
	for (i = 0; i < len; i++) {
		if (body[i] == '\r' || body[i] == '\n') {
			eco_buf_append(&canon, "\r\n", 2);
			if (body[i] == '\r' && i + 1 < len && body[i + 1] == '\n')
				i++;
		} else
			eco_buf_putc(&canon, body[i]);
	}
	mail_base64((const unsigned char *)canon.data, canon.len, BODY_LINE, out);
	return 0;
}

int
mail_build(const struct mail_message *m, struct eco_buf *out, const char **why)
{
	char date[MAIL_DATE_SIZE];
	size_t start = out->len;

	*why = NULL;
	if (!mail_address_valid(m->from))
		*why = "from";
	else if (!mail_address_valid(m->to))
		*why = "to";
	else if (!mail_address_valid(m->message_id))
		*why = "message-id";
	else if (m->subject == NULL)
		*why = "subject";
	else if (m->body == NULL)
		*why = "body";
	if (*why != NULL)
		return -1;

	mail_format_date(m->date, m->utc_offset, date, sizeof(date));
	eco_buf_printf(out, "Date: %s\r\n", date);
	eco_buf_printf(out, "From: %s\r\n", m->from);
	eco_buf_printf(out, "To: %s\r\n", m->to);
	eco_buf_puts(out, "Subject: ");
	if (mail_encode_subject(m->subject, out) != 0) {
		*why = "subject";
		goto refused;
	}
	eco_buf_puts(out, "\r\n");
	eco_buf_printf(out, "Message-ID: <%s>\r\n", m->message_id);
	eco_buf_puts(out, "MIME-Version: 1.0\r\n"
	    "Content-Type: text/plain; charset=UTF-8\r\n"
	    "Content-Transfer-Encoding: base64\r\n"
	    /* RFC 3834: no vacation replies to a robot. */
	    "Auto-Submitted: auto-generated\r\n"
	    "\r\n");
	if (append_body(m->body, out) != 0) {
		*why = "body";
		goto refused;
	}
	return 0;
refused:
	/* Leave out as it was: no half message for a careless caller. */
	out->len = start;
	out->data[start] = '\0';
	return -1;
}
