/*
 * A minimal TAP producer for the unit tests.  Each check is one test point;
 * automake's tap-driver counts them.  Use:
 *
 *	int main(void)
 *	{
 *		ok(1 + 1 == 2, "addition");
 *		is_str(got, "expected", "what is compared");
 *		return tap_done();
 *	}
 */
#ifndef ECO_TAP_H
#define ECO_TAP_H

#include <stdio.h>
#include <string.h>

static int tap_count;
static int tap_failed;

static inline int
tap_ok(int cond, const char *file, int line, const char *name)
{
	tap_count++;
	if (cond) {
		printf("ok %d - %s\n", tap_count, name);
	} else {
		tap_failed++;
		printf("not ok %d - %s\n#   at %s:%d\n", tap_count, name, file, line);
	}
	fflush(stdout);
	return cond;
}

static inline int
tap_is_str(const char *got, const char *want, const char *file, int line,
    const char *name)
{
	int cond = (got == NULL && want == NULL) ||
	    (got != NULL && want != NULL && strcmp(got, want) == 0);

	if (!tap_ok(cond, file, line, name))
		printf("#   got:  \"%s\"\n#   want: \"%s\"\n",
		    got ? got : "(null)", want ? want : "(null)");
	return cond;
}

static inline int
tap_is_int(long long got, long long want, const char *file, int line,
    const char *name)
{
	int cond = got == want;

	if (!tap_ok(cond, file, line, name))
		printf("#   got:  %lld\n#   want: %lld\n", got, want);
	return cond;
}

#define ok(cond, name)		tap_ok(!!(cond), __FILE__, __LINE__, (name))
#define is_str(g, w, name)	tap_is_str((g), (w), __FILE__, __LINE__, (name))
#define is_int(g, w, name)	tap_is_int((long long)(g), (long long)(w), \
				    __FILE__, __LINE__, (name))

static inline int
tap_done(void)
{
	printf("1..%d\n", tap_count);
	return tap_failed ? 1 : 0;
}

#endif
