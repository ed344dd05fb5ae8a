/* Statistics of information requests: the arithmetic (see stats.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "stats.h"

static const char *const instance_codes[STATS_NINSTANCES] = {
	"higher_body", "court"
};
static const char *const outcome_codes[STATS_NOUTCOMES] = {
	"pending", "upheld", "partially_upheld", "dismissed", "withdrawn"
};
static const char *const sort_codes[STATS_NSORTS] = {
	"order", "requests", "on_time", "median", "overdue", "refusals",
	"redirects", "extensions", "complaints"
};

/* The index of s in t, or -1. */
static int
index_of(const char *const *t, int n, const char *s)
{
	int i;

	for (i = 0; s != NULL && i < n; i++)
		if (strcmp(t[i], s) == 0)
			return i;
	return -1;
}

void
stats_add_group(struct stats_counts *c, const struct eco_calendar *cal,
    const struct stats_group *g, long today)
{
	struct request_state st;
	struct request_flags f;
	int on_time;

	if ((unsigned)g->status >= REQ_STATUS_COUNT || g->count <= 0)
		return;
	/*
	 * A state whose dates compare as the group's did: request_flags()
	 * only compares them with each other and with today.
	 */
	memset(&st, 0, sizeof(st));
	st.status = g->status;
	st.ground = g->ground;
	st.due_on = today + g->due_in;
	st.answered_on = st.due_on + g->answered_vs_due;
	st.refusal_due_on = today;
	st.refused_on = today + g->refused_vs_due;
	st.redirect_due_on = today;
	st.redirected_on = today + g->redirected_vs_due;
	request_flags(cal, &st, today, &f);
	on_time = request_on_time(&st, &f);

	c->requests += g->count;
	c->by_status[g->status] += g->count;
	if (f.open)
		c->open += g->count;
	if (f.overdue)
		c->overdue += g->count;
	if (f.due_soon)
		c->due_soon += g->count;
	if (on_time >= 0)
		c->decided += g->count;
	if (on_time > 0)
		c->on_time += g->count;
	if (f.answered_late)
		c->answered_late += g->count;
	if (f.refused_late)
		c->refused_late += g->count;
	if (f.redirected_late)
		c->redirected_late += g->count;
	if (g->status == REQ_REFUSED)
		c->by_ground[(unsigned)g->ground < STATS_NGROUNDS ?
		    g->ground : REQ_GROUND_NONE] += g->count;
	if (g->came_redirected)
		c->redirected_in += g->count;
	if (g->extended_inspection)
		c->extended_inspection += g->count;
	if (g->extended_holders)
		c->extended_holders += g->count;
	if (g->extended_inspection || g->extended_holders)
		c->extended += g->count;
}

void
stats_add_days(struct stats_counts *c, long days, long count)
{
	if (count <= 0)
		return;
	if (days < 0)
		days = 0;
	if (days > STATS_MAX_DAYS)
		days = STATS_MAX_DAYS;
	c->days[days] += count;
	c->answers += count;
}

/* Months since the year 0, for differences. */
static long
month_number(long day)
{
	int y, m, d;

	eco_civil_from_days(day, &y, &m, &d);
	return (long)y * 12 + (m - 1);
}

long
stats_first_month(long today)
{
	long n = month_number(today) - (STATS_MONTHS - 1);

	return eco_days_from_civil((int)(n / 12), (int)(n % 12) + 1, 1);
}

int
stats_add_month(struct stats_counts *c, long today, long day, long count)
{
	long i = month_number(day) - month_number(today) + (STATS_MONTHS - 1);

	if (i < 0 || i >= STATS_MONTHS)
		return -1;
	if (count > 0)
		c->by_month[i] += count;
	return 0;
}

int
stats_add_complaints(struct stats_counts *c, const char *instance,
    const char *outcome, bool late, long count)
{
	int i = index_of(instance_codes, STATS_NINSTANCES, instance);
	int o = index_of(outcome_codes, STATS_NOUTCOMES, outcome);

	if (i < 0 || o < 0)
		return -1;
	if (count <= 0)
		return 0;
	c->complaints += count;
	c->complaints_by_instance[i] += count;
	c->complaints_by_outcome[o] += count;
	if (late)
		c->complaints_late += count;
	return 0;
}

/* Every member is a count: the structure is summed as an array of them. */
void
stats_sum(struct stats_counts *into, const struct stats_counts *from)
{
	long *a = (long *)into;
	const long *b = (const long *)from;
	size_t i;

	for (i = 0; i < sizeof(*into) / sizeof(long); i++)
		a[i] += b[i];
}

int
stats_percent(long part, long whole)
{
	if (whole <= 0)
		return -1;
	if (part < 0)
		part = 0;
	if (part > whole)
		part = whole;
	/* Half up in integers: (100 part + whole / 2) / whole, exactly. */
	return (int)(((long long)part * 200 + whole) / ((long long)whole * 2));
}

/* The value of rank k (0-based) in the histogram of days. */
static long
day_at(const struct stats_counts *c, long k)
{
	long seen = 0, d;

	for (d = 0; d <= STATS_MAX_DAYS; d++) {
		seen += c->days[d];
		if (k < seen)
			return d;
	}
	return STATS_MAX_DAYS;
}

long
stats_median_x2(const struct stats_counts *c)
{
	long n = c->answers;

	if (n <= 0)
		return -1;
	return day_at(c, (n - 1) / 2) + day_at(c, n / 2);
}

void
stats_half_format(long x2, const char *sep, char *out, size_t outlen)
{
	if (x2 < 0)
		snprintf(out, outlen, "%s", "");
	else if (x2 % 2 == 0)
		snprintf(out, outlen, "%ld", x2 / 2);
	else
		snprintf(out, outlen, "%ld%s5", x2 / 2, sep);
}

const char *
stats_instance_code(enum stats_instance i)
{
	return (unsigned)i < STATS_NINSTANCES ? instance_codes[i] : "";
}

const char *
stats_outcome_code(enum stats_outcome o)
{
	return (unsigned)o < STATS_NOUTCOMES ? outcome_codes[o] : "";
}

const char *
stats_sort_code(enum stats_sort s)
{
	return (unsigned)s < STATS_NSORTS ? sort_codes[s] : "";
}

int
stats_sort_parse(const char *s, enum stats_sort *out)
{
	int i = index_of(sort_codes, STATS_NSORTS, s);

	if (i < 0)
		return -1;
	*out = (enum stats_sort)i;
	return 0;
}

/* qsort() has no argument for the column: one sort at a time per worker. */
static enum stats_sort sort_by;
static bool sort_desc;

/* -1, 0, 1 as a is less than, equal to or greater than b. */
static int
cmp_long(long long a, long long b)
{
	return (a > b) - (a < b);
}

/*
 * The holders' column values as a fraction num / den, so that percents
 * compare exactly; den 0 when there is nothing to show.
 */
static void
column(const struct stats_holder *h, long long *num, long long *den)
{
	const struct stats_counts *c = h->c;

	*den = 1;
	switch (sort_by) {
	case STATS_SORT_REQUESTS:
		*num = c->requests;
		break;
	case STATS_SORT_ON_TIME:
		*num = c->on_time;
		*den = c->decided;
		break;
	case STATS_SORT_MEDIAN:
		*num = stats_median_x2(c);
		*den = *num < 0 ? 0 : 1;
		break;
	case STATS_SORT_OVERDUE:
		*num = c->overdue;
		break;
	case STATS_SORT_REFUSALS:
		*num = c->by_status[REQ_REFUSED];
		break;
	case STATS_SORT_REDIRECTS:
		*num = c->by_status[REQ_REDIRECTED];
		break;
	case STATS_SORT_EXTENSIONS:
		*num = c->extended;
		break;
	case STATS_SORT_COMPLAINTS:
		*num = c->complaints;
		break;
	default:
		*num = 0;
		break;
	}
}

static int
compare(const void *pa, const void *pb)
{
	const struct stats_holder *a = *(const struct stats_holder *const *)pa;
	const struct stats_holder *b = *(const struct stats_holder *const *)pb;
	long long an, ad, bn, bd;
	int r;

	column(a, &an, &ad);
	column(b, &bn, &bd);
	if ((ad == 0) != (bd == 0))
		return ad == 0 ? 1 : -1;
	/* an / ad against bn / bd; the products stay far below 2^63. */
	r = ad == 0 ? 0 : cmp_long(an * bd, bn * ad);
	if (sort_desc)
		r = -r;
	/* The holders' own order: v points into one array of them. */
	return r != 0 ? r : (a > b) - (a < b);
}

void
stats_sort(const struct stats_holder **v, size_t n, enum stats_sort by,
    bool desc)
{
	sort_by = by;
	sort_desc = desc;
	qsort(v, n, sizeof(*v), compare);
}
