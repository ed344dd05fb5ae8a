/*
 * Unit tests of the mailer's pure parts: the message (mailer/message.c),
 * the SMTP reply parser and dot-stuffing (mailer/smtp.c) and the retry
 * schedule (mailer/outbox.c).  Every encoded message is decoded back here
 * with an independent decoder, so the encoder cannot agree with itself.
 */
#include <stdbool.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "utf8.h"
#include "../../mailer/message.h"
#include "../../mailer/outbox.h"
#include "../../mailer/smtp.h"
#include "tap.h"

static const char kk_subject[] =
    "Сұрау №ЭА-2026/17: жауап беру мерзіміне 3 күн қалды — "
    "Қазақстан Республикасы Экология министрлігі";
static const char ru_subject[] =
    "Запрос № ЭА-2026/17: до срока ответа осталось 3 дня — "
    "Министерство экологии и природных ресурсов Республики Казахстан";

/* Standard base64 (with padding; CR and LF skipped) into out; -1 if bad. */
static long
b64_decode(const char *in, size_t len, unsigned char *out)
{
	unsigned long v = 0;
	size_t i;
	long n = 0;
	int bits = 0, pad = 0;

	for (i = 0; i < len; i++) {
		char c = in[i];
		const char *p;
		static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "abcdefghijklmnopqrstuvwxyz0123456789+/";

		if (c == '\r' || c == '\n')
			continue;
		if (c == '=') {
			pad++;
			continue;
		}
		if (pad > 0 || (p = strchr(abc, c)) == NULL || c == '\0')
			return -1;
		v = v << 6 | (unsigned long)(p - abc);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[n++] = (unsigned char)(v >> bits & 0xff);
		}
	}
	return n;
}

/*
 * Decodes a Subject header value: plain text, or encoded-words separated
 * by folding white space (CRLF SP), as RFC 2047 section 6.2 reads them.
 * Checks on the way that each word is at most 75 characters and holds
 * whole UTF-8 characters.  NULL when something is wrong.
 */
static char *
decode_subject(struct eco_arena *a, const char *v, bool *words_ok)
{
	struct eco_buf out;
	unsigned char tmp[256];
	const char *p = v, *end;
	long n;

	*words_ok = true;
	eco_buf_init(&out, a);
	if (strncmp(v, "=?", 2) != 0)
		return eco_strdup(a, v);
	while (*p != '\0') {
		if (strncmp(p, "=?UTF-8?B?", 10) != 0)
			return NULL;
		end = strstr(p + 10, "?=");
		if (end == NULL)
			return NULL;
		if (end + 2 - p > MAIL_WORD_MAX)
			*words_ok = false;
		if (end - (p + 10) > 200)
			return NULL;
		n = b64_decode(p + 10, (size_t)(end - (p + 10)), tmp);
		if (n < 0 || !eco_utf8_valid((const char *)tmp, (size_t)n))
			*words_ok = false;
		if (n > 0)
			eco_buf_append(&out, tmp, (size_t)n);
		p = end + 2;
		if (*p == '\0')
			break;
		if (strncmp(p, "\r\n ", 3) != 0)
			return NULL;
		p += 3;
	}
	return out.data;
}

/* The longest line of s (CRLF lines); -1 when a CR or LF stands alone. */
static long
longest_crlf_line(const char *s)
{
	long longest = 0, cur = 0;
	size_t i;

	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] == '\r') {
			if (s[i + 1] != '\n')
				return -1;
			if (cur > longest)
				longest = cur;
			cur = 0;
			i++;
		} else if (s[i] == '\n')
			return -1;
		else
			cur++;
	}
	return cur > longest ? cur : longest;
}

/* The value of header name in msg, folded lines and all; NULL if absent. */
static char *
header(struct eco_arena *a, const char *msg, const char *name)
{
	const char *p = msg, *eol;
	size_t nl = strlen(name);

	for (;;) {
		if (strncmp(p, "\r\n", 2) == 0)
			return NULL;
		eol = strstr(p, "\r\n");
		if (eol == NULL)
			return NULL;
		if (strncmp(p, name, nl) == 0 && p[nl] == ':' && p[nl + 1] == ' ') {
			/* Keep folded continuation lines with their CRLF SP. */
			const char *e = eol;

			while (e != NULL && (e[2] == ' ' || e[2] == '\t'))
				e = strstr(e + 2, "\r\n");
			if (e == NULL)
				return NULL;
			return eco_strndup(a, p + nl + 2, (size_t)(e - (p + nl + 2)));
		}
		p = eol + 2;
	}
}

static void
test_addresses(void)
{
	ok(mail_address_valid("user@example.kz"), "a plain address");
	ok(mail_address_valid("a.b+tag@mail-test.invalid"), "dots, plus, dash");
	ok(!mail_address_valid("user@example.kz\r\nBcc: x@y.kz"),
	    "CR LF in an address is refused");
	ok(!mail_address_valid("user@example.kz\n"), "a trailing LF is refused");
	ok(!mail_address_valid("us er@example.kz"), "a space is refused");
	ok(!mail_address_valid("user@example.kz>"), "'>' is refused");
	ok(!mail_address_valid("Name <user@example.kz>"), "a name-addr is refused");
	ok(!mail_address_valid("userexample.kz"), "no @ is refused");
	ok(!mail_address_valid("a@b@c"), "two @ are refused");
	ok(!mail_address_valid("@example.kz"), "an empty local part is refused");
	ok(!mail_address_valid("user@"), "an empty domain is refused");
	ok(!mail_address_valid("пайдаланушы@example.kz"),
	    "a non-ASCII address is refused (no SMTPUTF8)");
	ok(!mail_address_valid(""), "the empty string is refused");
	ok(!mail_address_valid(NULL), "NULL is refused");
}

static void
test_base64(void)
{
	struct eco_arena *a = eco_arena_new();
	struct eco_buf b;
	unsigned char in[100], back[120];
	long n;
	int i;

	eco_buf_init(&b, a);
	mail_base64((const unsigned char *)"", 0, 0, &b);
	is_str(b.data, "", "base64 of nothing");
	eco_buf_clear(&b);
	mail_base64((const unsigned char *)"f", 1, 0, &b);
	is_str(b.data, "Zg==", "base64 of f");
	eco_buf_clear(&b);
	mail_base64((const unsigned char *)"fo", 2, 0, &b);
	is_str(b.data, "Zm8=", "base64 of fo");
	eco_buf_clear(&b);
	mail_base64((const unsigned char *)"foobar", 6, 0, &b);
	is_str(b.data, "Zm9vYmFy", "base64 of foobar");
	eco_buf_clear(&b);
	for (i = 0; i < 100; i++)
		in[i] = (unsigned char)(i * 37 + 250);
	mail_base64(in, sizeof(in), 76, &b);
	is_int(longest_crlf_line(b.data), 76, "base64 lines are 76 characters");
	ok(b.len > 2 && strcmp(b.data + b.len - 2, "\r\n") == 0,
	    "the last base64 line ends with CRLF");
	n = b64_decode(b.data, b.len, back);
	ok(n == 100 && memcmp(in, back, 100) == 0, "base64 decodes back");
	eco_arena_free(a);
}

static void
test_subject(const char *subject, const char *name)
{
	struct eco_arena *a = eco_arena_new();
	struct eco_buf b;
	char *decoded, label[200];
	bool words_ok;

	eco_buf_init(&b, a);
	snprintf(label, sizeof(label), "%s: encoded", name);
	is_int(mail_encode_subject(subject, &b), 0, label);
	snprintf(label, sizeof(label), "%s: encoded-words", name);
	ok(strncmp(b.data, "=?UTF-8?B?", 10) == 0, label);
	decoded = decode_subject(a, b.data, &words_ok);
	snprintf(label, sizeof(label), "%s: decodes back to the original", name);
	is_str(decoded, subject, label);
	snprintf(label, sizeof(label),
	    "%s: words of at most 75 characters, whole UTF-8 characters", name);
	ok(words_ok, label);
	snprintf(label, sizeof(label), "%s: header lines within 76", name);
	/* "Subject: " stands before the first line. */
	ok(longest_crlf_line(b.data) >= 0 &&
	    longest_crlf_line(b.data) + 9 <= 76, label);
	eco_arena_free(a);
}

static void
test_subjects(void)
{
	struct eco_arena *a = eco_arena_new();
	struct eco_buf b, big;
	bool words_ok;
	char *decoded;
	int i;

	test_subject(kk_subject, "Kazakh subject");
	test_subject(ru_subject, "Russian subject");
	/* 4-byte characters: a split would show at once. */
	test_subject("😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀 𝄞𝄞𝄞𝄞𝄞𝄞𝄞𝄞𝄞𝄞𝄞𝄞", "emoji subject");

	eco_buf_init(&b, a);
	is_int(mail_encode_subject("Reminder: request 17", &b), 0,
	    "a short ASCII subject");
	is_str(b.data, "Reminder: request 17", "stays as it is");
	eco_buf_clear(&b);
	mail_encode_subject("Looks like =?UTF-8?B?QQ==?= a word", &b);
	decoded = decode_subject(a, b.data, &words_ok);
	ok(strncmp(b.data, "=?UTF-8?B?", 10) == 0 && decoded != NULL &&
	    strcmp(decoded, "Looks like =?UTF-8?B?QQ==?= a word") == 0,
	    "an ASCII subject that looks like an encoded-word is encoded");
	eco_buf_clear(&b);
	is_int(mail_encode_subject("", &b), 0, "an empty subject is accepted");
	is_str(b.data, "", "and stays empty");

	/* A very long subject: 1000 Cyrillic letters, 2000 bytes. */
	eco_buf_init(&big, a);
	for (i = 0; i < 1000; i++)
		eco_buf_puts(&big, i % 2 ? "ә" : "Ж");
	test_subject(big.data, "very long subject");
	eco_buf_puts(&big, "x");
	eco_buf_clear(&b);
	is_int(mail_encode_subject(big.data, &b), -1,
	    "a subject over MAIL_SUBJECT_MAX bytes is refused");

	eco_buf_clear(&b);
	is_int(mail_encode_subject("Hello\r\nBcc: victim@example.kz", &b), -1,
	    "CR LF in the subject is refused");
	is_int(mail_encode_subject("Hello\nBcc: victim@example.kz", &b), -1,
	    "LF in the subject is refused");
	is_int(mail_encode_subject("Сұрау\rBcc", &b), -1,
	    "CR in a Kazakh subject is refused");
	is_int(mail_encode_subject("bad \xff byte", &b), -1,
	    "invalid UTF-8 in the subject is refused");
	is_int(mail_encode_subject("bad \xd0", &b), -1,
	    "a truncated UTF-8 sequence is refused");
	eco_arena_free(a);
}

static void
test_date(void)
{
	char d[MAIL_DATE_SIZE];

	mail_format_date(1700000000, 5 * 3600, d, sizeof(d));
	is_str(d, "Wed, 15 Nov 2023 03:13:20 +0500", "Date in Asia/Almaty");
	mail_format_date(1700000000, 0, d, sizeof(d));
	is_str(d, "Tue, 14 Nov 2023 22:13:20 +0000", "Date in UTC");
	mail_format_date(1700000000, -(3 * 3600 + 1800), d, sizeof(d));
	is_str(d, "Tue, 14 Nov 2023 18:43:20 -0330", "Date west of UTC");
	mail_format_date(0, 5 * 3600, d, sizeof(d));
	is_str(d, "Thu, 1 Jan 1970 05:00:00 +0500", "Date of the epoch");
}

/* Builds a message; the body part as decoded text, or NULL. */
static char *
build(struct eco_arena *a, const char *to, const char *subject,
    const char *body, struct eco_buf *out, const char **why)
{
	struct mail_message m = {
		.from = "noreply@ecogosfond.kz",
		.to = to,
		.subject = subject,
		.body = body,
		.date = 1700000000,
		.utc_offset = 5 * 3600,
		.message_id = "outbox.17.1700000000@ecogosfond.kz",
	};
	const char *sep;
	unsigned char *dec;
	long n;

	eco_buf_init(out, a);
	if (mail_build(&m, out, why) != 0)
		return NULL;
	sep = strstr(out->data, "\r\n\r\n");
	if (sep == NULL)
		return NULL;
	dec = eco_alloc(a, strlen(sep) + 1);
	n = b64_decode(sep + 4, strlen(sep + 4), dec);
	if (n < 0)
		return NULL;
	dec[n] = '\0';
	return (char *)dec;
}

/* True when every body line (after the blank line) is at most 76. */
static bool
body_lines_ok(const char *msg)
{
	const char *sep = strstr(msg, "\r\n\r\n");

	return sep != NULL && longest_crlf_line(sep + 4) <= 76 &&
	    longest_crlf_line(sep + 4) >= 0;
}

static void
test_build(void)
{
	struct eco_arena *a = eco_arena_new();
	struct eco_buf out;
	const char *why;
	char *body, *v;
	bool words_ok;

	body = build(a, "user@mailer-test.invalid", kk_subject,
	    "Құрметті пайдаланушы!\n\nСұрауыңыз тіркелді.\n.Нүктеден басталатын жол\n",
	    &out, &why);
	is_str(body, "Құрметті пайдаланушы!\r\n\r\nСұрауыңыз тіркелді.\r\n"
	    ".Нүктеден басталатын жол\r\n",
	    "the body decodes back, with CRLF line ends");
	ok(longest_crlf_line(out.data) >= 0, "every line ends with CRLF");
	ok(longest_crlf_line(out.data) <= 78, "no line is longer than 78");
	ok(body_lines_ok(out.data), "body lines are at most 76");
	is_str(header(a, out.data, "Date"), "Wed, 15 Nov 2023 03:13:20 +0500",
	    "Date header");
	is_str(header(a, out.data, "From"), "noreply@ecogosfond.kz", "From header");
	is_str(header(a, out.data, "To"), "user@mailer-test.invalid", "To header");
	is_str(header(a, out.data, "Message-ID"),
	    "<outbox.17.1700000000@ecogosfond.kz>", "Message-ID header");
	is_str(header(a, out.data, "MIME-Version"), "1.0", "MIME-Version header");
	is_str(header(a, out.data, "Content-Type"), "text/plain; charset=UTF-8",
	    "Content-Type header");
	is_str(header(a, out.data, "Content-Transfer-Encoding"), "base64",
	    "Content-Transfer-Encoding header");
	v = header(a, out.data, "Subject");
	ok(v != NULL, "Subject header");
	is_str(v ? decode_subject(a, v, &words_ok) : NULL, kk_subject,
	    "the Subject header decodes to the Kazakh subject");

	body = build(a, "user@mailer-test.invalid", ru_subject,
	    "Уважаемый пользователь!\r\nСрок ответа: 21 ноября 2026 г.", &out, &why);
	is_str(body, "Уважаемый пользователь!\r\nСрок ответа: 21 ноября 2026 г.",
	    "a Russian body without a final line end decodes back");

	body = build(a, "user@mailer-test.invalid", "Empty", "", &out, &why);
	is_str(body, "", "an empty body");
	ok(out.len > 4 && strcmp(out.data + out.len - 4, "\r\n\r\n") == 0,
	    "an empty body: the message ends with the blank line");

	body = build(a, "user@mailer-test.invalid", "Lone CR", "a\rb\r\n\rc", &out,
	    &why);
	is_str(body, "a\r\nb\r\n\r\nc", "a lone CR becomes CRLF");

	body = build(a, "user@mailer-test.invalid", "Tab", "a\tb", &out, &why);
	is_str(body, "a\tb", "a tab stays");

	/* Refusals: nothing is written, and the reason names the field. */
	ok(build(a, "user@mailer-test.invalid\r\nBcc: x@y.kz", "Hi", "x", &out,
	    &why) == NULL && why != NULL && strcmp(why, "to") == 0 && out.len == 0,
	    "CR LF in To: refused, nothing written");
	ok(build(a, "user@mailer-test.invalid", "Hi\r\nBcc: x@y.kz", "x", &out,
	    &why) == NULL && why != NULL && strcmp(why, "subject") == 0 &&
	    out.len == 0, "CR LF in Subject: refused, nothing written");
	ok(build(a, "user@mailer-test.invalid", "Hi\nX-Evil: 1", "x", &out,
	    &why) == NULL && why != NULL && strcmp(why, "subject") == 0,
	    "LF in Subject: refused");
	ok(build(a, "user@mailer-test.invalid", "Hi", "bell \a in text", &out,
	    &why) == NULL && why != NULL && strcmp(why, "body") == 0 &&
	    out.len == 0, "a control character in the body is refused");
	ok(build(a, "user@mailer-test.invalid", "Hi", "bad \xc3\x28", &out,
	    &why) == NULL && why != NULL && strcmp(why, "body") == 0,
	    "invalid UTF-8 in the body is refused");
	eco_arena_free(a);
}

static void
test_big_body(void)
{
	struct eco_arena *a = eco_arena_new();
	struct eco_buf big, out;
	const char *why;
	char *body;
	int i;

	eco_buf_init(&big, a);
	for (i = 0; i < 3000; i++)
		eco_buf_puts(&big, "Қоршаған орта туралы ақпарат. ");
	body = build(a, "user@mailer-test.invalid", "Big", big.data, &out, &why);
	is_str(body, big.data, "a 100 KB body decodes back");
	ok(body_lines_ok(out.data), "a 100 KB body: lines of at most 76");
	eco_arena_free(a);
}

static void
test_reply_parse(void)
{
	const char *text, *r;
	size_t used, tl;
	int code;

	r = "220 mail.example ESMTP\r\n";
	is_int(smtp_reply_parse(r, strlen(r), &code, &used, &text, &tl), 1,
	    "a one-line reply");
	ok(code == 220 && used == strlen(r) && tl == 18 &&
	    strncmp(text, "mail.example ESMTP", 18) == 0, "its code and text");
	r = "250-mail.example\r\n250-PIPELINING\r\n250 8BITMIME\r\nleft";
	is_int(smtp_reply_parse(r, strlen(r), &code, &used, &text, &tl), 1,
	    "a multi-line reply");
	ok(code == 250 && used == strlen(r) - 4 && tl == 8 &&
	    strncmp(text, "8BITMIME", 8) == 0, "ends at its last line");
	r = "250-mail.example\r\n250-PIPEL";
	is_int(smtp_reply_parse(r, strlen(r), &code, &used, &text, &tl), 0,
	    "an incomplete multi-line reply needs more");
	is_int(smtp_reply_parse("", 0, &code, &used, &text, &tl), 0,
	    "nothing yet needs more");
	r = "354\r\n";
	ok(smtp_reply_parse(r, strlen(r), &code, &used, &text, &tl) == 1 &&
	    code == 354 && tl == 0, "a code without text");
	r = "451 4.3.0 try later\n";
	ok(smtp_reply_parse(r, strlen(r), &code, &used, &text, &tl) == 1 &&
	    code == 451, "a bare LF is tolerated");
	r = "250-a\r\n550 b\r\n";
	is_int(smtp_reply_parse(r, strlen(r), &code, &used, &text, &tl), -1,
	    "codes changing between lines are refused");
	r = "hello\r\n";
	is_int(smtp_reply_parse(r, strlen(r), &code, &used, &text, &tl), -1,
	    "a line without a code is refused");
	r = "25\r\n";
	is_int(smtp_reply_parse(r, strlen(r), &code, &used, &text, &tl), -1,
	    "a short code is refused");
	r = "250x\r\n";
	is_int(smtp_reply_parse(r, strlen(r), &code, &used, &text, &tl), -1,
	    "a code followed by junk is refused");
	r = "650 no\r\n";
	is_int(smtp_reply_parse(r, strlen(r), &code, &used, &text, &tl), -1,
	    "a code out of range is refused");
}

static void
test_dot_stuff(void)
{
	struct eco_arena *a = eco_arena_new();
	struct eco_buf b;
	const char *m;

	eco_buf_init(&b, a);
	m = "a\r\n.b\r\n..c\r\n";
	smtp_dot_stuff(m, strlen(m), &b);
	is_str(b.data, "a\r\n..b\r\n...c\r\n.\r\n",
	    "a line starting with a dot gets another");
	eco_buf_clear(&b);
	m = ".first\r\nlast";
	smtp_dot_stuff(m, strlen(m), &b);
	is_str(b.data, "..first\r\nlast\r\n.\r\n",
	    "the first line too; a last line gets its CRLF");
	eco_buf_clear(&b);
	m = "\r\n.\r\n";
	smtp_dot_stuff(m, strlen(m), &b);
	is_str(b.data, "\r\n..\r\n.\r\n",
	    "a lone dot line cannot end the data early");
	eco_buf_clear(&b);
	smtp_dot_stuff("", 0, &b);
	is_str(b.data, ".\r\n", "an empty message is just the end");
	eco_arena_free(a);
}

static void
test_retry_delay(void)
{
	is_int(outbox_retry_delay(1), 60, "first retry after 1 minute");
	is_int(outbox_retry_delay(2), 300, "second after 5 minutes");
	is_int(outbox_retry_delay(3), 1800, "third after 30 minutes");
	is_int(outbox_retry_delay(4), 7200, "then every 2 hours");
	is_int(outbox_retry_delay(9), 7200, "still 2 hours at the ninth");
	is_int(outbox_retry_delay(OUTBOX_MAX_ATTEMPTS), -1,
	    "given up at the tenth failed attempt");
	is_int(outbox_retry_delay(1000000), -1, "and after it");
	is_int(outbox_retry_delay(0), 60, "a nonsense count waits a minute");
}

int
main(void)
{
	test_addresses();
	test_base64();
	test_subjects();
	test_date();
	test_build();
	test_big_body();
	test_reply_parse();
	test_dot_stuff();
	test_retry_delay();
	return tap_done();
}
