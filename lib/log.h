/*
 * The log: one line per request (method, path, status, microseconds) and
 * operational messages.  Never personal data: callers pass no e-mail, name,
 * IIN, query string or database error detail.
 */
#ifndef ECO_LOG_H
#define ECO_LOG_H

#include <stddef.h>

/* Opens path for appending ("-" or NULL: standard error). 0 or -1. */
int	eco_log_open(const char *name, const char *path);
/* Tells the log that this is a new process (after fork). */
void	eco_log_forked(void);
/* Reopens the same path (after logrotate; called on SIGHUP). */
void	eco_log_reopen(void);
void	eco_log_request(const char *method, const char *path, int status,
	    long long usec);
/*
 * path for the log, at most size - 1 bytes, with every segment of 16 or
 * more hex digits (a confirmation or stop link's token) written as "-":
 * whoever reads the log must not be able to use such a link.  Pure.
 */
void	eco_log_path(const char *path, char *out, size_t size);
void	eco_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
