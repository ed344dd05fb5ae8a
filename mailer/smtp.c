/*
 * The SMTP client: one connection per message, every wait bounded.
 *
 * A reply decides by its first digit: 2 goes on, 4 is "try later", 5 is
 * "never".  Only a 5 to the recipient or to the message itself (RCPT,
 * DATA, the end of the data) rejects the message for good; a 5 to the
 * greeting, EHLO/HELO or MAIL FROM says the relay refuses this mailer,
 * which is its configuration and not the message's fault, so the message
 * is retried with the usual backoff and goes once the relay is fixed.
 *
 * A timeout after the end of the data leaves us not knowing whether the
 * server took the message; it is retried, so it may arrive twice.  Twice
 * is better than never.
 */
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "message.h"
#include "smtp.h"

/* A reply longer than this is not from a mail server we want to talk to
 * (RFC 5321 allows 512 bytes a line; EHLO lists a dozen lines). */
#define REPLY_MAX	8192

struct conn {
	int		 fd;
	int		 timeout_ms;
	long long	 deadline;	/* monotonic milliseconds */
	char		 buf[REPLY_MAX];
	size_t		 len;
	struct smtp_result *res;
};

static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Records why the exchange ended, as printable ASCII only: the text may
 * come from the server and ends up in a database text column. */
static void set_error(struct smtp_result *, enum smtp_status, int code,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
set_error(struct smtp_result *r, enum smtp_status st, int code,
    const char *fmt, ...)
{
	va_list ap;
	size_t i;

	r->status = st;
	r->code = code;
	va_start(ap, fmt);
	vsnprintf(r->error, sizeof(r->error), fmt, ap);
	va_end(ap);
	for (i = 0; r->error[i] != '\0'; i++)
		if (r->error[i] < ' ' || r->error[i] > '~')
			r->error[i] = '?';
}

/* Waits for events on c->fd: 1 ready, 0 timed out, -1 error. */
static int
wait_fd(struct conn *c, short events)
{
	struct pollfd p = { .fd = c->fd, .events = events };
	long long left;
	int wait, n;

	for (;;) {
		left = c->deadline - now_ms();
		if (left <= 0)
			return 0;
		wait = left < c->timeout_ms ? (int)left : c->timeout_ms;
		n = poll(&p, 1, wait);
		if (n > 0)
			return 1;
		if (n == 0)
			return 0;
		if (errno != EINTR)
			return -1;
	}
}

/* Connects to one address without blocking longer than the timeout. */
static int
connect_one(struct conn *c, const struct addrinfo *ai)
{
	int err = 0;
	socklen_t errlen = sizeof(err);

	c->fd = socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK |
	    SOCK_CLOEXEC, ai->ai_protocol);
	if (c->fd < 0)
		return -1;
	if (connect(c->fd, ai->ai_addr, ai->ai_addrlen) == 0)
		return 0;
	if (errno == EINPROGRESS && wait_fd(c, POLLOUT) == 1 &&
	    getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &errlen) == 0 &&
	    err == 0)
		return 0;
	if (err != 0)
		errno = err;
	else if (errno == EINPROGRESS)
		errno = ETIMEDOUT;
	close(c->fd);
	c->fd = -1;
	return -1;
}

static int
open_connection(struct conn *c, const struct smtp_config *cfg)
{
	struct addrinfo hints, *list, *ai;
	int rc, saved = ECONNREFUSED;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	/* Name resolution is not under our timeout: production names
	 * localhost, which /etc/hosts answers. */
	rc = getaddrinfo(cfg->host, cfg->port, &hints, &list);
	if (rc != 0) {
		set_error(c->res, SMTP_RETRY, 0, "resolve: %s", gai_strerror(rc));
		return -1;
	}
	for (ai = list; ai != NULL; ai = ai->ai_next) {
		if (connect_one(c, ai) == 0)
			break;
		saved = errno;
	}
	freeaddrinfo(list);
	if (c->fd < 0) {
		set_error(c->res, SMTP_RETRY, 0, "connect: %s", strerror(saved));
		return -1;
	}
	return 0;
}

static int
write_all(struct conn *c, const char *p, size_t len, const char *what)
{
	ssize_t n;
	int w;

	while (len > 0) {
		n = send(c->fd, p, len, MSG_NOSIGNAL);
		if (n > 0) {
			p += n;
			len -= (size_t)n;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			if ((w = wait_fd(c, POLLOUT)) == 1)
				continue;
			set_error(c->res, SMTP_RETRY, 0, "%s: %s", what,
			    w == 0 ? "timeout" : strerror(errno));
			return -1;
		}
		set_error(c->res, SMTP_RETRY, 0, "%s: %s", what,
		    n < 0 ? strerror(errno) : "connection closed");
		return -1;
	}
	return 0;
}

int
smtp_reply_parse(const char *buf, size_t len, int *code, size_t *used,
    const char **text, size_t *textlen)
{
	size_t pos = 0, eol, start;
	int first = -1, c;
	const char *nl;

	while (pos < len) {
		nl = memchr(buf + pos, '\n', len - pos);
		if (nl == NULL)
			return 0;
		eol = (size_t)(nl - buf);
		/* The line without CR LF (a bare LF is tolerated). */
		start = pos;
		if (eol - start < 3 || buf[start] < '2' || buf[start] > '5' ||
		    buf[start + 1] < '0' || buf[start + 1] > '9' ||
		    buf[start + 2] < '0' || buf[start + 2] > '9')
			return -1;
		c = (buf[start] - '0') * 100 + (buf[start + 1] - '0') * 10 +
		    (buf[start + 2] - '0');
		if (first >= 0 && c != first)
			return -1;
		first = c;
		if (eol - start > 3 && buf[start + 3] == '-') {
			pos = eol + 1;
			continue;
		}
		if (eol - start > 3 && buf[start + 3] != ' ' &&
		    buf[start + 3] != '\r')
			return -1;
		*code = c;
		*used = eol + 1;
		*text = buf + start + 3;
		*textlen = eol - start - 3;
		if (*textlen > 0 && (*text)[*textlen - 1] == '\r')
			(*textlen)--;
		if (*textlen > 0 && (*text)[0] == ' ') {
			(*text)++;
			(*textlen)--;
		}
		return 1;
	}
	return 0;
}

/*
 * Reads one reply.  Returns its code, or -1 with the result set (for
 * "what": the command it answers).  The reply's text lands in r->error
 * already, so a caller that stops on the code has its message ready.
 */
static int
read_reply(struct conn *c, const char *what)
{
	const char *text;
	size_t used, textlen;
	ssize_t n;
	int code, rc, w;

	for (;;) {
		rc = smtp_reply_parse(c->buf, c->len, &code, &used, &text,
		    &textlen);
		if (rc < 0) {
			set_error(c->res, SMTP_RETRY, 0, "%s: not an SMTP reply",
			    what);
			return -1;
		}
		if (rc == 1)
			break;
		if (c->len == sizeof(c->buf)) {
			set_error(c->res, SMTP_RETRY, 0, "%s: reply too long", what);
			return -1;
		}
		if ((w = wait_fd(c, POLLIN)) != 1) {
			set_error(c->res, SMTP_RETRY, 0, "%s: %s", what,
			    w == 0 ? "timeout" : strerror(errno));
			return -1;
		}
		n = recv(c->fd, c->buf + c->len, sizeof(c->buf) - c->len, 0);
		if (n < 0 && (errno == EINTR || errno == EAGAIN ||
		    errno == EWOULDBLOCK))
			continue;
		if (n <= 0) {
			set_error(c->res, SMTP_RETRY, 0, "%s: %s", what,
			    n < 0 ? strerror(errno) : "connection closed");
			return -1;
		}
		c->len += (size_t)n;
	}
	set_error(c->res, SMTP_RETRY, code, "%s: %d %.*s", what, code,
	    (int)(textlen < 200 ? textlen : 200), text);
	memmove(c->buf, c->buf + used, c->len - used);
	c->len -= used;
	return code;
}

/*
 * Sends the command line head arg tail CRLF and reads its reply.  Returns
 * the reply code, or -1 when the connection failed (result set).
 */
static int
command(struct conn *c, const char *what, const char *head, const char *arg,
    const char *tail)
{
	char line[600];
	int n;

	n = snprintf(line, sizeof(line), "%s%s%s\r\n", head, arg, tail);
	if (n < 0 || (size_t)n >= sizeof(line)) {
		set_error(c->res, SMTP_REJECTED, 0, "%s: line too long", what);
		return -1;
	}
	if (write_all(c, line, (size_t)n, what) != 0)
		return -1;
	return read_reply(c, what);
}

/*
 * Judges a reply code against the class expected.  true to go on; false
 * with the result's status set.  fatal5 tells whether a 5xx here rejects
 * the message (see the top of the file).
 */
static bool
expect(struct conn *c, int code, int want, bool fatal5)
{
	if (code < 0)
		return false;
	if (code / 100 == want)
		return true;
	c->res->status = code / 100 == 5 && fatal5 ? SMTP_REJECTED : SMTP_RETRY;
	return false;
}

void
smtp_dot_stuff(const char *msg, size_t len, struct eco_buf *out)
{
	size_t i;
	bool bol = true;

	for (i = 0; i < len; i++) {
		if (bol && msg[i] == '.')
			eco_buf_putc(out, '.');
		eco_buf_putc(out, msg[i]);
		bol = msg[i] == '\n';
	}
	if (len > 0 && !bol)
		eco_buf_append(out, "\r\n", 2);
	eco_buf_append(out, ".\r\n", 3);
}

/* A host name for EHLO: letters, digits, dots, dashes, at most 200. */
static bool
helo_valid(const char *s)
{
	size_t i;

	if (s == NULL || s[0] == '\0')
		return false;
	for (i = 0; s[i] != '\0'; i++)
		if (i >= 200 || !((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9') ||
		    s[i] == '.' || s[i] == '-'))
			return false;
	return true;
}

/* The exchange on an open connection; the result says how it ended. */
static void
converse(struct conn *c, const struct smtp_config *cfg, const char *from,
    const char *to, const char *msg, size_t len, struct eco_buf *scratch)
{
	const char *helo = helo_valid(cfg->helo) ? cfg->helo : "localhost";
	int code;

	if (!expect(c, read_reply(c, "greeting"), 2, false))
		return;
	code = command(c, "EHLO", "EHLO ", helo, "");
	/* An old server that does not know EHLO says 5xx; 4xx is "busy". */
	if (code / 100 == 5)
		code = command(c, "HELO", "HELO ", helo, "");
	if (!expect(c, code, 2, false))
		return;
	if (!expect(c, command(c, "MAIL FROM", "MAIL FROM:<", from, ">"), 2,
	    false))
		return;
	if (!expect(c, command(c, "RCPT TO", "RCPT TO:<", to, ">"), 2,
	    true))
		return;
	if (!expect(c, command(c, "DATA", "DATA", "", ""), 3, true))
		return;
	smtp_dot_stuff(msg, len, scratch);
	if (write_all(c, scratch->data, scratch->len, "message") != 0)
		return;
	if (!expect(c, read_reply(c, "end of data"), 2, true))
		return;
	/* The message is the server's now; QUIT is politeness, its answer
	 * changes nothing. */
	(void)command(c, "QUIT", "QUIT", "", "");
	c->res->status = SMTP_SENT;
	c->res->error[0] = '\0';
}

void
smtp_send(const struct smtp_config *cfg, const char *from, const char *to,
    const char *msg, size_t len, struct eco_buf *scratch,
    struct smtp_result *res)
{
	struct conn c;
	int timeout = cfg->timeout_ms > 0 ? cfg->timeout_ms : 30000;

	memset(res, 0, sizeof(*res));
	/* A CR, LF or '>' in an address would write our own SMTP commands. */
	if (!mail_address_valid(from) || !mail_address_valid(to)) {
		set_error(res, SMTP_REJECTED, 0, "invalid envelope address");
		return;
	}
	c.fd = -1;
	c.len = 0;
	c.res = res;
	c.timeout_ms = timeout;
	c.deadline = now_ms() + (long long)timeout * SMTP_SESSION_STEPS;
	if (open_connection(&c, cfg) != 0)
		return;
	converse(&c, cfg, from, to, msg, len, scratch);
	close(c.fd);
}
