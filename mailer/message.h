/*
 * An e-mail as it goes over the wire (RFC 5322 with MIME, RFC 2045-2047):
 * pure functions, no I/O, so the unit tests reach every byte.
 *
 * The message is plain UTF-8 text: the subject as RFC 2047 encoded-words,
 * the body base64 in 76-character lines, CRLF line ends throughout.  The
 * values come from the database, that is from other people's code, so
 * nothing is trusted: an address or a subject that could add a header
 * (CR or LF in it) is refused, never cleaned.
 */
#ifndef ECO_MAILER_MESSAGE_H
#define ECO_MAILER_MESSAGE_H

#include <stdbool.h>
#include <stddef.h>

struct eco_arena;
struct eco_buf;

/* Limits of what mail_build accepts (the database's own are smaller). */
#define MAIL_SUBJECT_MAX	2000		/* bytes */
#define MAIL_BODY_MAX		(1024 * 1024)	/* bytes */

struct mail_message {
	const char	*from;		/* addr-spec, "noreply@ecogosfond.kz" */
	const char	*to;		/* addr-spec */
	const char	*subject;	/* UTF-8, one line */
	const char	*body;		/* UTF-8 text, LF or CRLF line ends */
	long long	 date;		/* seconds since 1970 (UTC) */
	long		 utc_offset;	/* seconds east of UTC for the Date header */
	const char	*message_id;	/* "local@domain", without < > */
};

/*
 * A plain ASCII addr-spec "local@domain" as SMTP and a To header take it
 * without quoting: printable, no space, none of < > ( ) , ; : " \ [ ],
 * exactly one @ with something on each side, at most 254 bytes.  Anything
 * else, an internationalised address included, is refused.
 */
bool	mail_address_valid(const char *);

/*
 * Appends the whole message to out, CRLF line ends, ready for DATA (before
 * dot-stuffing) or for an .eml file.  0, or -1 with *why (a constant
 * string naming the field, safe to log) when a field is refused.
 */
int	mail_build(const struct mail_message *, struct eco_buf *out,
	    const char **why);

/*
 * The Subject header's value (without "Subject: " and the final CRLF):
 * the subject itself when it is short printable ASCII, else RFC 2047
 * "B" encoded-words of whole UTF-8 characters, at most 75 characters each
 * (MAIL_WORD_MAX), separated by CRLF SP.  -1 if the subject is not one
 * line of valid UTF-8 text.
 */
#define MAIL_WORD_MAX	75
int	mail_encode_subject(const char *, struct eco_buf *out);

/* Standard base64 (RFC 4648 section 4, with padding) of n bytes; when
 * line is not 0, CRLF after every line characters and after the last. */
void	mail_base64(const unsigned char *, size_t n, size_t line,
	    struct eco_buf *out);

/* "Thu, 13 Feb 2025 14:03:05 +0500" (RFC 5322 section 3.3) into out,
 * which has room for at least MAIL_DATE_SIZE bytes. */
#define MAIL_DATE_SIZE	40
void	mail_format_date(long long t, long utc_offset, char *out, size_t outlen);

#endif
