/*
 * The log.  Each line is written with one write(2) on a descriptor opened
 * with O_APPEND, so the lines of several workers never interleave.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

static int log_fd = 2;
static char log_path[4096];
static char log_name[64] = "eco";
static pid_t log_pid;		/* getpid() is a system call: ask once */

static int
open_log(void)
{
	int fd;

	if (log_path[0] == '\0')
		return 2;
	fd = open(log_path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
	return fd;
}

int
eco_log_open(const char *name, const char *path)
{
	int fd;

	snprintf(log_name, sizeof(log_name), "%s", name ? name : "eco");
	if (path == NULL || strcmp(path, "-") == 0) {
		log_path[0] = '\0';
		log_fd = 2;
		return 0;
	}
	if (strlen(path) >= sizeof(log_path))
		return -1;
	snprintf(log_path, sizeof(log_path), "%s", path);
	if ((fd = open_log()) < 0)
		return -1;
	if (log_fd > 2)
		close(log_fd);
	log_fd = fd;
	return 0;
}

void
eco_log_forked(void)
{
	log_pid = getpid();
}

void
eco_log_reopen(void)
{
	int fd;

	if (log_path[0] == '\0')
		return;
	/* Keep the old descriptor if the new file cannot be opened. */
	if ((fd = open_log()) < 0)
		return;
	if (log_fd > 2)
		close(log_fd);
	log_fd = fd;
}

static void write_line(const char *, va_list) __attribute__((format(printf, 1, 0)));

static void
write_line(const char *fmt, va_list ap)
{
	char line[2048];
	struct timeval tv;
	struct tm tm;
	size_t n;
	int k;

	gettimeofday(&tv, NULL);
	localtime_r(&tv.tv_sec, &tm);
	n = strftime(line, sizeof(line), "%Y-%m-%dT%H:%M:%S", &tm);
	if (log_pid == 0)
		log_pid = getpid();
	k = snprintf(line + n, sizeof(line) - n, ".%03ld %s[%d] ",
	    (long)tv.tv_usec / 1000, log_name, (int)log_pid);
	if (k > 0)
		n += (size_t)k < sizeof(line) - n ? (size_t)k : sizeof(line) - n - 1;
	k = vsnprintf(line + n, sizeof(line) - n, fmt, ap);
	if (k > 0)
		n += (size_t)k < sizeof(line) - n ? (size_t)k : sizeof(line) - n - 1;
	/* Never let a value break the one-line format. */
	for (size_t i = 0; i < n; i++)
		if (line[i] == '\n' || line[i] == '\r')
			line[i] = ' ';
	line[n++] = '\n';
	while (write(log_fd, line, n) < 0 && errno == EINTR)
		;
}

void
eco_log(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	write_line(fmt, ap);
	va_end(ap);
}

void
eco_log_path(const char *path, char *out, size_t size)
{
	size_t o = 0, n, hex;

	if (size == 0)
		return;
	while (*path != '\0' && o + 1 < size) {
		if (*path == '/') {
			out[o++] = *path++;
			continue;
		}
		n = strcspn(path, "/");
		hex = strspn(path, "0123456789abcdefABCDEF");
		if (hex == n && n >= 16) {
			out[o++] = '-';
		} else {
			if (n > size - 1 - o)
				n = size - 1 - o;
			memcpy(out + o, path, n);
			o += n;
		}
		path += strcspn(path, "/");
	}
	out[o] = '\0';
}

void
eco_log_request(const char *method, const char *path, int status,
    long long usec)
{
	char shown[301];

	eco_log_path(path ? path : "-", shown, sizeof(shown));
	eco_log("%s %s %d %lldus", method ? method : "-", shown, status, usec);
}
