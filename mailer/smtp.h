/*
 * A minimal SMTP client (RFC 5321) over a plain TCP socket: one message per
 * connection, EHLO (HELO when EHLO is refused), MAIL FROM, RCPT TO, DATA
 * with dot-stuffing, QUIT.
 *
 * No TLS and no AUTH, on purpose: production hands mail to the local MTA
 * on localhost (Postfix, OpenSMTPD, ...), which queues it and does TLS,
 * authentication and DNS towards the world.  Pointing ECO_SMTP_HOST at a
 * remote relay would send the mail in clear text.
 *
 * Every connect, read and write waits at most the configured timeout
 * (poll), and the whole exchange at most SMTP_SESSION_STEPS times that,
 * so a stalled or trickling server cannot hold the mailer.
 */
#ifndef ECO_MAILER_SMTP_H
#define ECO_MAILER_SMTP_H

#include <stddef.h>

struct eco_buf;

#define SMTP_SESSION_STEPS	10
#define SMTP_ERROR_SIZE		256

struct smtp_config {
	const char	*host;		/* "localhost" */
	const char	*port;		/* "25" */
	const char	*helo;		/* our name in EHLO / HELO */
	int		 timeout_ms;	/* each connect, read and write */
};

enum smtp_status {
	SMTP_SENT = 0,		/* the server took responsibility for it */
	SMTP_RETRY,		/* 4xx, no connection, timeout: try later */
	SMTP_REJECTED		/* 5xx to the recipient or the message */
};

struct smtp_result {
	enum smtp_status status;
	int		 code;	/* the deciding reply code; 0 when none came */
	/* What happened, for core.outbox.last_error: the command and the
	 * server's reply, printable ASCII only.  It may quote an address: it
	 * goes to the database, never to the log. */
	char		 error[SMTP_ERROR_SIZE];
};

/*
 * Sends msg (a whole RFC 5322 message, CRLF line ends, not dot-stuffed)
 * from the envelope sender to the one recipient.  Addresses that
 * mail_address_valid() refuses are rejected before anything is sent.
 * The buffer b is scratch space on the caller's arena.
 */
void	smtp_send(const struct smtp_config *, const char *from, const char *to,
	    const char *msg, size_t len, struct eco_buf *scratch,
	    struct smtp_result *);

/*
 * Looks for one complete reply at the start of buf: lines "250-text"
 * continued by more, ended by "250 text" or "250".  Returns 1 with *code,
 * *used (bytes up to and with the final line's LF) and the final line's
 * text; 0 when more bytes are needed; -1 when it is not an SMTP reply
 * (no three digits, codes that change between lines).
 */
int	smtp_reply_parse(const char *buf, size_t len, int *code, size_t *used,
	    const char **text, size_t *textlen);

/*
 * Appends msg as DATA carries it: a '.' starting a line is doubled, the
 * last line ends with CRLF, and the terminating ".\r\n" follows.
 */
void	smtp_dot_stuff(const char *msg, size_t len, struct eco_buf *out);

#endif
