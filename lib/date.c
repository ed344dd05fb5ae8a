/*
 * Civil dates as day numbers.  The conversions are Howard Hinnant's
 * days_from_civil / civil_from_days algorithms: exact for the proleptic
 * Gregorian calendar and free of loops.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "date.h"

static long today_override = -1;

long
eco_days_from_civil(int y, int m, int d)
{
	long yy = m <= 2 ? y - 1 : y;
	long era = (yy >= 0 ? yy : yy - 399) / 400;
	long yoe = yy - era * 400;
	long doy = (153L * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

void
eco_civil_from_days(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

int
eco_weekday(long days)
{
	/* 1970-01-01 was a Thursday (4). */
	long w = (days % 7 + 7) % 7;

	return (int)((w + 3) % 7 + 1);
}

int
eco_days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	if (m < 1 || m > 12)
		return 0;
	return m == 2 && leap ? 29 : days[m - 1];
}

bool
eco_date_valid(int y, int m, int d)
{
	return y >= 1900 && y <= 2200 && m >= 1 && m <= 12 &&
	    d >= 1 && d <= eco_days_in_month(y, m);
}

long
eco_add_months_clamped(long days, long n, bool *clamped)
{
	int y, m, d, dim;
	long months;

	eco_civil_from_days(days, &y, &m, &d);
	months = (long)y * 12 + (m - 1) + n;
	y = (int)(months / 12);
	m = (int)(months % 12) + 1;
	dim = eco_days_in_month(y, m);
	if (clamped != NULL)
		*clamped = d > dim;
	return eco_days_from_civil(y, m, d < dim ? d : dim);
}

int
eco_date_parse(const char *s, long *days)
{
	int i, y, m, d;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return -1;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (!eco_date_valid(y, m, d))
		return -1;
	*days = eco_days_from_civil(y, m, d);
	return 0;
}

void
eco_date_format_iso(long days, char *out, size_t outlen)
{
	int y, m, d;

	eco_civil_from_days(days, &y, &m, &d);
	/* Written digit by digit: a page shows a dozen dates, and snprintf
	 * costs ten times as much. */
	if (y >= 0 && y <= 9999 && outlen >= 11) {
		out[0] = (char)('0' + y / 1000);
		out[1] = (char)('0' + y / 100 % 10);
		out[2] = (char)('0' + y / 10 % 10);
		out[3] = (char)('0' + y % 10);
		out[4] = '-';
		out[5] = (char)('0' + m / 10);
		out[6] = (char)('0' + m % 10);
		out[7] = '-';
		out[8] = (char)('0' + d / 10);
		out[9] = (char)('0' + d % 10);
		out[10] = '\0';
		return;
	}
	snprintf(out, outlen, "%04d-%02d-%02d", y, m, d);
}

void
eco_today_override(long days)
{
	today_override = days;
}

long
eco_today(void)
{
	struct tm tm;
	time_t now;

	if (today_override >= 0)
		return today_override;
	/* The process runs with TZ=Asia/Almaty (set by eco_config_from_env). */
	now = time(NULL);
	localtime_r(&now, &tm);
	return eco_days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}
