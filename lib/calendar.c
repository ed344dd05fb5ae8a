/*
 * The working-day calendar and period arithmetic.
 *
 * Exception days are kept in an array (sorted by day once the calendar is
 * finished) with a per-day index into it.  Finishing builds two tables that
 * make every period O(1):
 *
 *	cum[i]	number of working days among the first i days of the range
 *		(cum[0] = 0), so the working days in (a, b] are
 *		cum[b + 1] - cum[a + 1] with a, b as offsets from the first day;
 *	ord[k]	offset of the (k + 1)-th working day of the range, the
 *		inverse of cum: the n-th working day after a is ord[cum[a+1]+n-1].
 *
 * The next working day on or after day i is i itself or ord[cum[i + 1]], so
 * no separate "roll forward" table is needed.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "date.h"
#include "utf8.h"

/* Longest period accepted, so that no sum can overflow. */
#define MAX_PERIOD_DAYS		ECO_CALENDAR_MAX_DAYS
#define MAX_PERIOD_MONTHS	(ECO_CALENDAR_MAX_DAYS / 28 + 1)

struct eco_calendar {
	long			 first, last;
	size_t			 ndays;
	char			 range[32];
	bool			 finished;
	int32_t			*slot;	/* per day: index into ex, or -1 */
	struct eco_cal_exception *ex;
	size_t			 nex, capex;
	int32_t			*cum;	/* ndays + 1 entries */
	int32_t			*ord;	/* nworking entries */
	size_t			 nworking;
};

struct eco_calendar *
eco_calendar_new(long first, long last)
{
	struct eco_calendar *cal;
	size_t i;
	int y1, y2, m, d;

	if (last < first || last - first >= ECO_CALENDAR_MAX_DAYS)
		return NULL;
	if ((cal = calloc(1, sizeof(*cal))) == NULL)
		return NULL;
	cal->first = first;
	cal->last = last;
	cal->ndays = (size_t)(last - first) + 1;
	if ((cal->slot = malloc(cal->ndays * sizeof(cal->slot[0]))) == NULL) {
		free(cal);
		return NULL;
	}
	for (i = 0; i < cal->ndays; i++)
		cal->slot[i] = -1;
	eco_civil_from_days(first, &y1, &m, &d);
	eco_civil_from_days(last, &y2, &m, &d);
	if (y1 == y2)
		snprintf(cal->range, sizeof(cal->range), "%d", y1);
	else
		snprintf(cal->range, sizeof(cal->range), "%d-%d", y1, y2);
	return cal;
}

struct eco_calendar *
eco_calendar_new_default(void)
{
	return eco_calendar_new(eco_days_from_civil(ECO_CALENDAR_FIRST_YEAR, 1, 1),
	    eco_days_from_civil(ECO_CALENDAR_LAST_YEAR, 12, 31));
}

static void
free_names(struct eco_cal_exception *e)
{
	int l;

	for (l = 0; l < ECO_LANG_COUNT; l++) {
		free((char *)e->name[l]);
		e->name[l] = NULL;
	}
}

void
eco_calendar_free(struct eco_calendar *cal)
{
	size_t i;

	if (cal == NULL)
		return;
	for (i = 0; i < cal->nex; i++)
		free_names(&cal->ex[i]);
	free(cal->ex);
	free(cal->slot);
	free(cal->cum);
	free(cal->ord);
	free(cal);
}

/* A copy of s cut to ECO_CALENDAR_NAME_MAX bytes without splitting a UTF-8
 * sequence; NULL for NULL or on allocation failure (*failed is set). */
static char *
copy_name(const char *s, bool *failed)
{
	size_t len;
	char *copy;

	if (s == NULL)
		return NULL;
	len = strnlen(s, ECO_CALENDAR_NAME_MAX + 1);
	if (len > ECO_CALENDAR_NAME_MAX) {
		len = ECO_CALENDAR_NAME_MAX;
		/* Back off continuation bytes (10xxxxxx) and their lead byte. */
		while (len > 0 && ((unsigned char)s[len] & 0xc0) == 0x80)
			len--;
	}
	if ((copy = malloc(len + 1)) == NULL) {
		*failed = true;
		return NULL;
	}
	memcpy(copy, s, len);
	copy[len] = '\0';
	return copy;
}

/* Removes the exception at index k by moving the last one into its place. */
static void
remove_exception(struct eco_calendar *cal, size_t k)
{
	struct eco_cal_exception *e = &cal->ex[k];

	cal->slot[e->day - cal->first] = -1;
	free_names(e);
	if (k != cal->nex - 1) {
		*e = cal->ex[cal->nex - 1];
		cal->slot[e->day - cal->first] = (int32_t)k;
	}
	cal->nex--;
}

static bool
kind_valid(enum eco_cal_kind kind)
{
	return kind >= ECO_CAL_NONE && kind <= ECO_CAL_MOVED_WORK;
}

int
eco_calendar_add(struct eco_calendar *cal, long day, enum eco_cal_kind kind,
    const char *const name[ECO_LANG_COUNT])
{
	struct eco_cal_exception e, *grown;
	bool failed = false;
	int32_t k;
	int l;

	if (cal == NULL || cal->finished || !kind_valid(kind) ||
	    !eco_calendar_in_range(cal, day))
		return -1;
	k = cal->slot[day - cal->first];
	if (kind == ECO_CAL_NONE) {
		if (k >= 0)
			remove_exception(cal, (size_t)k);
		return 0;
	}
	memset(&e, 0, sizeof(e));
	e.day = day;
	e.kind = kind;
	for (l = 0; l < ECO_LANG_COUNT && name != NULL; l++)
		e.name[l] = copy_name(name[l], &failed);
	if (failed) {
		free_names(&e);
		return -1;
	}
	if (k >= 0) {
		free_names(&cal->ex[k]);
		cal->ex[k] = e;
		return 0;
	}
	if (cal->nex == cal->capex) {
		size_t cap = cal->capex ? cal->capex * 2 : 64;

		if ((grown = realloc(cal->ex, cap * sizeof(*grown))) == NULL) {
			free_names(&e);
			return -1;
		}
		cal->ex = grown;
		cal->capex = cap;
	}
	cal->slot[day - cal->first] = (int32_t)cal->nex;
	cal->ex[cal->nex++] = e;
	return 0;
}

static int
compare_exceptions(const void *a, const void *b)
{
	long x = ((const struct eco_cal_exception *)a)->day;
	long y = ((const struct eco_cal_exception *)b)->day;

	return (x > y) - (x < y);
}

/* Working or not, from the weekday and the exception: the one definition. */
static bool
working_at(const struct eco_calendar *cal, size_t i)
{
	int32_t k = cal->slot[i];

	if (k >= 0)
		return cal->ex[k].kind == ECO_CAL_MOVED_WORK;
	return eco_weekday(cal->first + (long)i) <= 5;
}

int
eco_calendar_finish(struct eco_calendar *cal)
{
	size_t i, n;

	if (cal == NULL || cal->finished)
		return -1;
	if (cal->nex > 0)
		qsort(cal->ex, cal->nex, sizeof(cal->ex[0]), compare_exceptions);
	for (i = 0; i < cal->nex; i++)
		cal->slot[cal->ex[i].day - cal->first] = (int32_t)i;
	cal->cum = malloc((cal->ndays + 1) * sizeof(cal->cum[0]));
	/* At most ndays working days; one more keeps malloc(0) away. */
	cal->ord = malloc((cal->ndays + 1) * sizeof(cal->ord[0]));
	if (cal->cum == NULL || cal->ord == NULL) {
		free(cal->cum);
		free(cal->ord);
		cal->cum = cal->ord = NULL;
		return -1;
	}
	cal->cum[0] = 0;
	for (i = 0, n = 0; i < cal->ndays; i++) {
		if (working_at(cal, i))
			cal->ord[n++] = (int32_t)i;
		cal->cum[i + 1] = (int32_t)n;
	}
	cal->nworking = n;
	cal->finished = true;
	return 0;
}

long
eco_calendar_first(const struct eco_calendar *cal)
{
	return cal->first;
}

long
eco_calendar_last(const struct eco_calendar *cal)
{
	return cal->last;
}

const char *
eco_calendar_range_text(const struct eco_calendar *cal)
{
	return cal->range;
}

bool
eco_calendar_in_range(const struct eco_calendar *cal, long day)
{
	return cal != NULL && day >= cal->first && day <= cal->last;
}

bool
eco_calendar_is_working(const struct eco_calendar *cal, long day)
{
	if (!eco_calendar_in_range(cal, day))
		return false;
	return working_at(cal, (size_t)(day - cal->first));
}

const struct eco_cal_exception *
eco_calendar_exception(const struct eco_calendar *cal, long day)
{
	int32_t k;

	if (!eco_calendar_in_range(cal, day))
		return NULL;
	k = cal->slot[day - cal->first];
	return k >= 0 ? &cal->ex[k] : NULL;
}

/* Index of the first exception on or after day (the array is sorted). */
static size_t
lower_bound(const struct eco_calendar *cal, long day)
{
	size_t lo = 0, hi = cal->nex, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (cal->ex[mid].day < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int
eco_calendar_year(const struct eco_calendar *cal, int y,
    const struct eco_cal_exception **out, size_t *count)
{
	size_t a, b;

	*out = NULL;
	*count = 0;
	if (cal == NULL || !cal->finished || y < 1900 || y > 2200)
		return -1;
	if (cal->nex == 0)
		return 0;	/* no exceptions at all: an empty list */
	a = lower_bound(cal, eco_days_from_civil(y, 1, 1));
	b = lower_bound(cal, eco_days_from_civil(y + 1, 1, 1));
	*out = cal->ex + a;
	*count = b - a;
	return 0;
}

const char *
eco_cal_exception_name(const struct eco_cal_exception *e, enum eco_lang lang)
{
	int l;

	if (e == NULL)
		return "";
	if ((int)lang >= 0 && lang < ECO_LANG_COUNT && e->name[lang] != NULL)
		return e->name[lang];
	for (l = 0; l < ECO_LANG_COUNT; l++)
		if (e->name[l] != NULL)
			return e->name[l];
	return "";
}

static const char *const kind_codes[] = {
	[ECO_CAL_HOLIDAY] = "holiday",
	[ECO_CAL_RELIGIOUS] = "religious",
	[ECO_CAL_MOVED_OFF] = "transferred_off",
	[ECO_CAL_MOVED_WORK] = "transferred_work",
};

const char *
eco_cal_kind_code(enum eco_cal_kind kind)
{
	if (kind <= ECO_CAL_NONE || kind > ECO_CAL_MOVED_WORK)
		return "";
	return kind_codes[kind];
}

int
eco_cal_kind_parse(const char *s, enum eco_cal_kind *out)
{
	int k;

	for (k = ECO_CAL_HOLIDAY; s != NULL && k <= ECO_CAL_MOVED_WORK; k++)
		if (strcmp(s, kind_codes[k]) == 0) {
			*out = (enum eco_cal_kind)k;
			return 0;
		}
	return -1;
}

/* --- period arithmetic ------------------------------------------------------ */

/* True if the calendar is ready and day lies in it. */
static bool
usable(const struct eco_calendar *cal, long day)
{
	return cal != NULL && cal->finished && eco_calendar_in_range(cal, day);
}

/* The working day on or after offset i, as a day number; -1 past the end. */
static int
roll(const struct eco_calendar *cal, size_t i, long *out)
{
	size_t k = (size_t)cal->cum[i + 1];

	if (k > (size_t)cal->cum[i]) {		/* i itself is working */
		*out = cal->first + (long)i;
		return 0;
	}
	if (k >= cal->nworking)
		return -1;
	*out = cal->first + cal->ord[k];
	return 0;
}

int
eco_calendar_next_working(const struct eco_calendar *cal, long day, long *out)
{
	if (!usable(cal, day))
		return -1;
	return roll(cal, (size_t)(day - cal->first), out);
}

int
eco_calendar_add_calendar_days(const struct eco_calendar *cal, long from,
    long n, long *due)
{
	if (!usable(cal, from) || n < 0 || n > MAX_PERIOD_DAYS ||
	    !eco_calendar_in_range(cal, from + n))
		return -1;
	return roll(cal, (size_t)(from + n - cal->first), due);
}

int
eco_calendar_add_working_days(const struct eco_calendar *cal, long from,
    long n, long *due)
{
	size_t i, k;

	if (!usable(cal, from) || n < 0 || n > MAX_PERIOD_DAYS)
		return -1;
	i = (size_t)(from - cal->first);
	if (n == 0)
		return roll(cal, i, due);
	/* from has cum[i + 1] working days up to it; we want the one n later. */
	k = (size_t)cal->cum[i + 1] + (size_t)n;
	if (k > cal->nworking)
		return -1;
	*due = cal->first + cal->ord[k - 1];
	return 0;
}

int
eco_calendar_add_months(const struct eco_calendar *cal, long from, long n,
    long *due)
{
	long target;

	if (!usable(cal, from) || n < 0 || n > MAX_PERIOD_MONTHS)
		return -1;
	target = eco_add_months_clamped(from, n, NULL);
	if (!eco_calendar_in_range(cal, target))
		return -1;
	return roll(cal, (size_t)(target - cal->first), due);
}

int
eco_calendar_count_working(const struct eco_calendar *cal, long a, long b,
    long *count)
{
	if (!usable(cal, a) || !usable(cal, b))
		return -1;
	if (b <= a) {
		*count = 0;
		return 0;
	}
	*count = (long)cal->cum[b - cal->first + 1] - cal->cum[a - cal->first + 1];
	return 0;
}

/* --- the calendar file ------------------------------------------------------ */

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

static int
line_error(char *err, size_t errlen, size_t line, const char *why)
{
	if (errlen > 0)
		snprintf(err, errlen, "line %zu: %s", line, why);
	return -1;
}

/* Parses one line (without its newline); adds its day unless it is blank. */
static int
parse_line(struct eco_calendar *cal, const char *s, size_t len,
    unsigned char *seen, size_t line, char *err, size_t errlen)
{
	char date[11], name[ECO_CALENDAR_NAME_MAX + 1], why[96];
	const char *names[ECO_LANG_COUNT];
	enum eco_cal_kind kind;
	const char *hash = memchr(s, '#', len);
	size_t i, word, l;
	long day;

	if (hash != NULL)
		len = (size_t)(hash - s);
	while (len > 0 && is_blank(s[len - 1]))
		len--;
	for (i = 0; i < len && is_blank(s[i]); i++)
		;
	if (i == len)
		return 0;
	s += i;
	len -= i;
	if (len < 10 || (len > 10 && !is_blank(s[10])))
		return line_error(err, errlen, line,
		    "expected YYYY-MM-DD off|work [name]");
	memcpy(date, s, 10);
	date[10] = '\0';
	if (eco_date_parse(date, &day) != 0)
		return line_error(err, errlen, line,
		    "the date must be a valid YYYY-MM-DD");
	if (!eco_calendar_in_range(cal, day)) {
		snprintf(why, sizeof(why), "%s is outside the calendar %s", date,
		    cal->range);
		return line_error(err, errlen, line, why);
	}
	for (i = 10; i < len && is_blank(s[i]); i++)
		;
	for (word = i; i < len && !is_blank(s[i]); i++)
		;
	if (i - word == 3 && memcmp(s + word, "off", 3) == 0)
		kind = ECO_CAL_MOVED_OFF;
	else if (i - word == 4 && memcmp(s + word, "work", 4) == 0)
		kind = ECO_CAL_MOVED_WORK;
	else
		return line_error(err, errlen, line,
		    "expected off or work after the date");
	for (; i < len && is_blank(s[i]); i++)
		;
	if (len - i > ECO_CALENDAR_NAME_MAX)
		return line_error(err, errlen, line, "the name is too long");
	if (!eco_text_valid(s + i, len - i, false))
		return line_error(err, errlen, line,
		    "the name is not valid UTF-8 text");
	memcpy(name, s + i, len - i);
	name[len - i] = '\0';
	i = (size_t)(day - cal->first);
	if (seen[i / 8] & (1u << (i % 8))) {
		snprintf(why, sizeof(why), "%s is listed twice", date);
		return line_error(err, errlen, line, why);
	}
	seen[i / 8] |= (unsigned char)(1u << (i % 8));
	for (l = 0; l < ECO_LANG_COUNT; l++)
		names[l] = name[0] != '\0' ? name : NULL;
	if (eco_calendar_add(cal, day, kind, names) != 0)
		return line_error(err, errlen, line,
		    "cannot add the day (out of memory)");
	return 0;
}

int
eco_calendar_parse(struct eco_calendar *cal, const char *text, size_t len,
    char *err, size_t errlen)
{
	unsigned char *seen;
	const char *nl;
	size_t line = 0, n;
	int rc = 0;

	if (errlen > 0)
		err[0] = '\0';
	if (cal == NULL || cal->finished) {
		if (errlen > 0)
			snprintf(err, errlen, "the calendar is already finished");
		return -1;
	}
	/* Days seen in this file, one bit each: a second line for a day is a
	 * mistake, while a day already in the calendar is simply replaced. */
	if ((seen = calloc(cal->ndays / 8 + 1, 1)) == NULL) {
		if (errlen > 0)
			snprintf(err, errlen, "out of memory");
		return -1;
	}
	while (len > 0 && rc == 0) {
		line++;
		nl = memchr(text, '\n', len);
		n = nl != NULL ? (size_t)(nl - text) : len;
		rc = parse_line(cal, text, n, seen, line, err, errlen);
		if (nl == NULL)
			break;
		text += n + 1;
		len -= n + 1;
	}
	free(seen);
	return rc;
}

bool
eco_cal_name_valid(const char *s)
{
	size_t n = s != NULL ? strlen(s) : 0;

	return n > 0 && n <= 200 && eco_text_valid(s, n, false);
}
