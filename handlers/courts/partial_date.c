/* Partial dates of court events and the timeline order (partial_date.h). */
#include <stdio.h>
#include <string.h>

#include "date.h"
#include "partial_date.h"

/* n decimal digits at s, into *v. */
static bool
digits(const char *s, int n, int *v)
{
	int i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		*v = *v * 10 + (s[i] - '0');
	}
	return true;
}

bool
partial_date_parse(const char *s, struct partial_date *out)
{
	size_t len;
	int y, m = 1, d = 1;

	out->day = 0;
	out->precision = PD_UNKNOWN;
	if (s == NULL)
		return true;
	len = strlen(s);
	if (len != 4 && len != 7 && len != 10)
		return false;
	if (!digits(s, 4, &y) || y < 1900 || y > 2200)
		return false;
	if (len >= 7 && (s[4] != '-' || !digits(s + 5, 2, &m) || m < 1 ||
	    m > 12))
		return false;
	if (len == 10 && (s[7] != '-' || !digits(s + 8, 2, &d) ||
	    !eco_date_valid(y, m, d)))
		return false;
	out->day = eco_days_from_civil(y, m, d);
	out->precision = len == 10 ? PD_DAY : len == 7 ? PD_MONTH : PD_YEAR;
	return true;
}

const char *
partial_date_format(const struct partial_date *pd, char *out, size_t outlen)
{
	int y, m, d;

	if (pd->precision == PD_UNKNOWN)
		return NULL;
	eco_civil_from_days(pd->day, &y, &m, &d);
	if (pd->precision == PD_YEAR)
		snprintf(out, outlen, "%04d", y);
	else if (pd->precision == PD_MONTH)
		snprintf(out, outlen, "%04d-%02d", y, m);
	else
		snprintf(out, outlen, "%04d-%02d-%02d", y, m, d);
	return out;
}

static const char *const precision_names[] = { NULL, "year", "month", "day" };

const char *
partial_date_precision_name(enum pd_precision p)
{
	return p >= PD_YEAR && p <= PD_DAY ? precision_names[p] : NULL;
}

enum pd_precision
partial_date_precision_from(const char *s)
{
	int p;

	for (p = PD_YEAR; s != NULL && p <= PD_DAY; p++)
		if (strcmp(s, precision_names[p]) == 0)
			return (enum pd_precision)p;
	return PD_UNKNOWN;
}

long
partial_date_last_day(const struct partial_date *pd)
{
	int y, m, d;

	eco_civil_from_days(pd->day, &y, &m, &d);
	if (pd->precision == PD_YEAR)
		return eco_days_from_civil(y, 12, 31);
	if (pd->precision == PD_MONTH)
		return eco_days_from_civil(y, m, eco_days_in_month(y, m));
	return pd->day;
}

void
courts_sort_days(const struct partial_date *ev, size_t n, long *sort)
{
	long prev = PD_NO_DAY;
	size_t i, j;

	/* Forward: each event from its own date and its predecessor's. */
	for (i = 0; i < n; i++) {
		if (ev[i].precision == PD_DAY)
			sort[i] = ev[i].day;
		else if (ev[i].precision == PD_UNKNOWN)
			sort[i] = prev;
		else if (prev != PD_NO_DAY && prev >= ev[i].day &&
		    prev <= partial_date_last_day(&ev[i]))
			sort[i] = prev;
		else
			sort[i] = ev[i].day;
		prev = sort[i];
	}
	/* Unknown dates before the first known one: their successor's. */
	for (j = 0; j < n && sort[j] == PD_NO_DAY; j++)
		;
	for (i = 0; i < j && j < n; i++)
		sort[i] = sort[j];
}

void
courts_timeline_order(const long *sort, size_t n, size_t *order)
{
	size_t i, j, k;

	/* Insertion sort, stable: a case has at most a few hundred events. */
	for (i = 0; i < n; i++) {
		k = i;
		for (j = i; j > 0 && sort[order[j - 1]] > sort[k]; j--)
			order[j] = order[j - 1];
		order[j] = k;
	}
}
