/*
 * Unit tests of the working-day calendar, the period arithmetic, the
 * statutory-holiday generator and the calendar file parser.  The property
 * tests compare the O(1) engine with a naive day-by-day reference over every
 * start date of 2015-2035.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "date.h"
#include "holidays.h"
#include "tap.h"

#define D(y, m, d)	eco_days_from_civil((y), (m), (d))

/* The due date as "YYYY-MM-DD", or "error" when the call failed (rc). */
static const char *
iso(int rc, long day)
{
	static char out[8][16];
	static int next;
	char *s = out[next++ % 8];

	if (rc != 0)
		return "error";
	eco_date_format_iso(day, s, 16);
	return s;
}

static const char *
cal_days(const struct eco_calendar *cal, long from, long n)
{
	long due = 0;
	int rc = eco_calendar_add_calendar_days(cal, from, n, &due);

	return iso(rc, due);
}

static const char *
work_days(const struct eco_calendar *cal, long from, long n)
{
	long due = 0;
	int rc = eco_calendar_add_working_days(cal, from, n, &due);

	return iso(rc, due);
}

static const char *
months(const struct eco_calendar *cal, long from, long n)
{
	long due = 0;
	int rc = eco_calendar_add_months(cal, from, n, &due);

	return iso(rc, due);
}

static long
count(const struct eco_calendar *cal, long a, long b)
{
	long c = -99;

	if (eco_calendar_count_working(cal, a, b, &c) != 0)
		return -1;
	return c;
}

/* The portal's calendar: the default range with the generated holidays. */
static struct eco_calendar *
statutory(void)
{
	struct eco_calendar *cal = eco_calendar_new_default();

	if (cal == NULL || eco_holidays_generate(cal, ECO_CALENDAR_FIRST_YEAR,
	    ECO_CALENDAR_LAST_YEAR) != 0)
		abort();
	return cal;
}

static enum eco_cal_kind
kind_of(const struct eco_calendar *cal, long day)
{
	const struct eco_cal_exception *e = eco_calendar_exception(cal, day);

	return e != NULL ? e->kind : ECO_CAL_NONE;
}

static void
test_weekends(void)
{
	struct eco_calendar *cal = eco_calendar_new_default();
	long monday = D(2026, 3, 16), due = 0;
	int i;

	ok(cal != NULL, "an empty calendar is made");
	for (i = 0; i < 7; i++)
		is_int(eco_calendar_is_working(cal, monday + i), i < 5,
		    i < 5 ? "Monday to Friday are working" :
		    "Saturday and Sunday are off");
	ok(!eco_calendar_is_working(cal, D(2014, 12, 31)),
	    "a day before the range is not working");
	is_int(eco_calendar_add_calendar_days(cal, monday, 1, &due), -1,
	    "periods need a finished calendar");
	ok(eco_calendar_finish(cal) == 0, "finish");
	is_int(eco_calendar_finish(cal), -1, "finish only once");
	is_int(eco_calendar_add(cal, monday, ECO_CAL_HOLIDAY, NULL), -1,
	    "a finished calendar is read-only");
	is_str(cal_days(cal, D(2026, 3, 20), 1), "2026-03-23",
	    "Friday + 1 calendar day is Saturday, rolled to Monday");
	is_str(work_days(cal, D(2026, 3, 20), 1), "2026-03-23",
	    "Friday + 1 working day is Monday");
	is_str(work_days(cal, D(2026, 3, 21), 1), "2026-03-23",
	    "Saturday + 1 working day is Monday");
	is_str(work_days(cal, D(2026, 3, 20), 5), "2026-03-27",
	    "Friday + 5 working days is the next Friday");
	is_int(count(cal, D(2026, 3, 20), D(2026, 3, 27)), 5,
	    "5 working days in (Fri, next Fri]");
	is_int(eco_calendar_next_working(cal, D(2026, 3, 22), &due), 0,
	    "next working day of a Sunday");
	is_str(iso(0, due), "2026-03-23", "next working day of a Sunday is Monday");
	is_str(eco_calendar_range_text(cal), "2015-2036", "range text");
	is_int(eco_calendar_first(cal), D(2015, 1, 1), "first day");
	is_int(eco_calendar_last(cal), D(2036, 12, 31), "last day");
	eco_calendar_free(cal);
}

static void
test_new(void)
{
	struct eco_calendar *cal;
	long due = 0;

	ok(eco_calendar_new(10, 9) == NULL, "an empty range is refused");
	ok(eco_calendar_new(0, ECO_CALENDAR_MAX_DAYS) == NULL,
	    "an absurdly long range is refused");
	/* 2026-03-16 (Monday) to 2026-03-21 (Saturday). */
	cal = eco_calendar_new(D(2026, 3, 16), D(2026, 3, 21));
	ok(cal != NULL && eco_calendar_finish(cal) == 0, "a week's calendar");
	is_str(eco_calendar_range_text(cal), "2026", "one year's range text");
	is_int(eco_calendar_next_working(cal, D(2026, 3, 21), &due), -1,
	    "rolling past the last day fails");
	is_str(cal_days(cal, D(2026, 3, 16), 5), "error",
	    "Saturday at the end cannot roll");
	is_str(work_days(cal, D(2026, 3, 16), 4), "2026-03-20",
	    "the last working day is reachable");
	is_str(work_days(cal, D(2026, 3, 16), 5), "error",
	    "one working day too many fails");
	eco_calendar_free(cal);
	eco_calendar_free(NULL);
	ok(1, "freeing NULL is harmless");
}

static void
test_generator_2026(void)
{
	struct eco_holiday h[ECO_HOLIDAYS_MAX];
	size_t n = eco_holidays_year(2026, h), i;
	int sorted = 1;

	/* 14 holidays (no 17 December since 2022) and 6 moved days:
	 * 8 March, 21 and 22 March, 9 May, 30 August, 25 October. */
	is_int(n, 14 + 6, "2026 has 14 holidays and 6 moved days off");
	for (i = 1; i < n; i++)
		sorted &= h[i - 1].day < h[i].day;
	ok(sorted, "the list is in day order, without duplicates");
	is_int(eco_holidays_year(1899, h), 0, "a year outside 1900-2200 is empty");
	is_int(eco_holidays_year(2201, h), 0, "a year after 2200 is empty");
}

static void
test_holidays(void)
{
	struct eco_calendar *cal = statutory();
	const struct eco_cal_exception *e;
	long d;

	eco_calendar_finish(cal);
	/* Nauryz 2026: Saturday 21, Sunday 22, Monday 23 -> 24 and 25 too. */
	for (d = D(2026, 3, 21); d <= D(2026, 3, 25); d++)
		ok(!eco_calendar_is_working(cal, d), "Nauryz 2026: 21-25 March off");
	ok(eco_calendar_is_working(cal, D(2026, 3, 26)), "26 March 2026 works");
	is_int(kind_of(cal, D(2026, 3, 23)), ECO_CAL_HOLIDAY, "23 March is a holiday");
	is_int(kind_of(cal, D(2026, 3, 24)), ECO_CAL_MOVED_OFF, "24 March is moved");
	is_int(kind_of(cal, D(2026, 3, 25)), ECO_CAL_MOVED_OFF, "25 March is moved");
	is_int(kind_of(cal, D(2026, 3, 21)), ECO_CAL_HOLIDAY,
	    "a holiday on a Saturday is listed too");
	ok(!eco_calendar_is_working(cal, D(2026, 3, 9)),
	    "8 March 2026 is a Sunday: Monday 9 March off");
	e = eco_calendar_exception(cal, D(2026, 3, 24));
	is_str(eco_cal_exception_name(e, ECO_LANG_EN), "Day off moved from Nauryz",
	    "moved day's English name");
	is_str(eco_cal_exception_name(e, ECO_LANG_RU),
	    "Перенесённый выходной (Наурыз мейрамы)", "moved day's Russian name");
	is_str(eco_cal_exception_name(e, ECO_LANG_KK),
	    "Демалыс күні ауыстырылды (Наурыз мейрамы)", "moved day's Kazakh name");
	e = eco_calendar_exception(cal, D(2026, 12, 16));
	is_str(eco_cal_exception_name(e, ECO_LANG_KK), "Тәуелсіздік күні",
	    "Independence Day in Kazakh");
	is_str(eco_cal_exception_name(NULL, ECO_LANG_KK), "", "no exception, no name");
	ok(eco_calendar_exception(cal, D(2026, 3, 26)) == NULL,
	    "an ordinary day has no exception");
	/* 2026: 9 May Saturday -> Monday 11 May; 30 August Sunday -> 31;
	 * 25 October Sunday -> 26. */
	is_int(kind_of(cal, D(2026, 5, 11)), ECO_CAL_MOVED_OFF, "9 May 2026 moved to 11 May");
	is_int(kind_of(cal, D(2026, 8, 31)), ECO_CAL_MOVED_OFF, "30 Aug 2026 moved to 31 Aug");
	is_int(kind_of(cal, D(2026, 10, 26)), ECO_CAL_MOVED_OFF, "25 Oct 2026 moved to 26 Oct");
	/* Orthodox Christmas is religious: 7 January 2017 is a Saturday, and
	 * Monday 9 January 2017 stays working. */
	is_int(kind_of(cal, D(2017, 1, 7)), ECO_CAL_RELIGIOUS, "7 January is religious");
	ok(eco_calendar_is_working(cal, D(2017, 1, 9)),
	    "Christmas on Saturday is not moved");
	/* 2017: 1 January Sunday, 2 January Monday is a holiday -> Tuesday 3. */
	is_int(kind_of(cal, D(2017, 1, 3)), ECO_CAL_MOVED_OFF,
	    "New Year 2017 moved past the run to 3 January");
	/* 2017: 16-17 December Saturday-Sunday -> 18 and 19 December. */
	ok(!eco_calendar_is_working(cal, D(2017, 12, 18)) &&
	    !eco_calendar_is_working(cal, D(2017, 12, 19)) &&
	    eco_calendar_is_working(cal, D(2017, 12, 20)),
	    "Independence Day 2017 moved to 18-19 December");
	/* 2022: 1-2 January Saturday-Sunday -> 3 and 4 January. */
	ok(!eco_calendar_is_working(cal, D(2022, 1, 3)) &&
	    !eco_calendar_is_working(cal, D(2022, 1, 4)) &&
	    eco_calendar_is_working(cal, D(2022, 1, 5)),
	    "New Year 2022 moved to 3-4 January");
	/* 2022: 7 May Saturday, 9 May Monday -> Tuesday 10 May. */
	is_int(kind_of(cal, D(2022, 5, 10)), ECO_CAL_MOVED_OFF,
	    "7 May 2022 moved past Victory Day to 10 May");
	/* Republic Day from 2022; 17 December until 2021. */
	is_int(kind_of(cal, D(2021, 10, 25)), ECO_CAL_NONE, "no Republic Day in 2021");
	is_int(kind_of(cal, D(2022, 10, 25)), ECO_CAL_HOLIDAY, "Republic Day in 2022");
	is_int(kind_of(cal, D(2021, 12, 17)), ECO_CAL_HOLIDAY, "17 December 2021 off");
	ok(eco_calendar_is_working(cal, D(2024, 12, 17)), "17 December 2024 works");
	/* Leap year: 29 February 2024 is an ordinary Thursday. */
	ok(eco_calendar_is_working(cal, D(2024, 2, 29)), "29 February 2024 works");
	/* 2036 is generated too (the range's spare year). */
	is_int(kind_of(cal, D(2036, 3, 21)), ECO_CAL_HOLIDAY, "Nauryz 2036");
	eco_calendar_free(cal);
}

static void
test_periods(void)
{
	struct eco_calendar *cal = statutory();

	eco_calendar_finish(cal);
	/* requests.md: received 6 March 2026, 15 calendar days: 21 March is a
	 * Saturday and Nauryz, days off until 25 March, so 26 March. */
	is_str(cal_days(cal, D(2026, 3, 6), 15), "2026-03-26",
	    "answer_simple from 6 March 2026 is due 26 March");
	is_str(cal_days(cal, D(2026, 3, 6), 30), "2026-04-06",
	    "answer_complex: 5 April 2026 is a Sunday -> 6 April");
	is_str(cal_days(cal, D(2026, 3, 6), 3), "2026-03-10",
	    "6 March + 3 = Monday 9 March, moved day off -> 10 March");
	is_str(work_days(cal, D(2026, 3, 6), 3), "2026-03-12",
	    "redirect: 3 working days from Friday 6 March 2026 (9 March off)");
	is_str(work_days(cal, D(2026, 3, 20), 5), "2026-04-01",
	    "refuse: 5 working days from 20 March 2026 skip 21-25 March");
	is_str(work_days(cal, D(2026, 3, 20), 1), "2026-03-26",
	    "the working day after 20 March 2026 is 26 March");
	is_str(cal_days(cal, D(2025, 12, 31), 1), "2026-01-05",
	    "year end: 1-2 January off, then a weekend");
	is_str(cal_days(cal, D(2026, 1, 6), 1), "2026-01-08",
	    "7 January (Wednesday, religious) is off");
	is_str(work_days(cal, D(2025, 12, 30), 3), "2026-01-06",
	    "working days across the year end");
	is_str(work_days(cal, D(2026, 12, 15), 10), "2026-12-30",
	    "10 working days over Independence Day");
	/* hearings.md: protocol within 7 working days after 16 May 2019. */
	is_str(work_days(cal, D(2019, 5, 16), 7), "2019-05-27",
	    "7 working days after Thursday 16 May 2019");
	/* N = 0: the day itself, rolled forward if not working. */
	is_str(cal_days(cal, D(2026, 3, 26), 0), "2026-03-26", "0 days of a working day");
	is_str(cal_days(cal, D(2026, 3, 21), 0), "2026-03-26", "0 calendar days rolls");
	is_str(work_days(cal, D(2026, 3, 21), 0), "2026-03-26", "0 working days rolls");
	is_str(work_days(cal, D(2026, 3, 26), 0), "2026-03-26",
	    "0 working days of a working day");
	is_str(months(cal, D(2026, 3, 22), 0), "2026-03-26", "0 months rolls");
	/* Months: the end-of-month clamp, then the roll. */
	is_str(months(cal, D(2026, 1, 31), 1), "2026-03-02",
	    "31 Jan 2026 + 1 month = 28 Feb (Saturday) -> 2 March");
	is_str(months(cal, D(2024, 1, 31), 1), "2024-02-29",
	    "31 Jan 2024 + 1 month = 29 Feb (leap year)");
	is_str(months(cal, D(2024, 2, 29), 12), "2025-02-28",
	    "29 Feb 2024 + 12 months = 28 Feb 2025");
	is_str(months(cal, D(2024, 2, 29), 48), "2028-02-29",
	    "29 Feb 2024 + 48 months = 29 Feb 2028");
	is_str(months(cal, D(2026, 3, 31), 1), "2026-04-30", "31 March + 1 = 30 April");
	is_str(months(cal, D(2025, 11, 30), 3), "2026-03-02",
	    "30 Nov 2025 + 3 months = 28 Feb 2026 -> 2 March");
	is_str(months(cal, D(2025, 12, 31), 2), "2026-03-02", "across the year end");
	is_str(months(cal, D(2026, 1, 15), 3), "2026-04-15",
	    "complain: 3 months from 15 January 2026");
	is_str(months(cal, D(2025, 12, 21), 3), "2026-03-26",
	    "3 months landing on Nauryz roll to 26 March");
	is_str(months(cal, D(2025, 10, 31), 14), "2026-12-31",
	    "31 October + 14 months = 31 December");
	is_str(months(cal, D(2015, 1, 1), 263), "2036-12-01", "263 months");
	/* Counting working days in (a, b]. */
	is_int(count(cal, D(2026, 3, 20), D(2026, 3, 27)), 2, "(20, 27 March 2026]");
	is_int(count(cal, D(2026, 3, 20), D(2026, 3, 20)), 0, "(a, a] is empty");
	is_int(count(cal, D(2026, 3, 27), D(2026, 3, 20)), 0, "b before a counts 0");
	is_int(count(cal, D(2026, 3, 26), D(2026, 3, 27)), 1, "(Thu, Fri]");
	is_int(count(cal, D(2026, 3, 20), D(2026, 3, 25)), 0, "(20, 25 March] all off");
	eco_calendar_free(cal);
}

static void
test_out_of_range(void)
{
	struct eco_calendar *cal = statutory();
	long due = 0;

	eco_calendar_finish(cal);
	is_str(cal_days(cal, D(2014, 12, 31), 1), "error", "from before the range");
	is_str(cal_days(cal, D(2037, 1, 1), 0), "error", "from after the range");
	is_str(cal_days(cal, D(2036, 12, 31), 1), "error", "result after the range");
	is_str(cal_days(cal, D(2036, 12, 31), 0), "2036-12-31",
	    "the last day (a Wednesday) itself");
	is_str(cal_days(cal, D(2036, 12, 1), 30), "2036-12-31", "up to the last day");
	is_str(work_days(cal, D(2036, 12, 29), 3), "error", "working days past the end");
	is_str(work_days(cal, D(2036, 12, 29), 2), "2036-12-31", "the last working day");
	is_str(months(cal, D(2036, 11, 30), 2), "error", "months past the end");
	is_str(cal_days(cal, D(2026, 1, 1), -1), "error", "negative calendar days");
	is_str(work_days(cal, D(2026, 1, 1), -1), "error", "negative working days");
	is_str(months(cal, D(2026, 1, 1), -1), "error", "negative months");
	is_str(cal_days(cal, D(2026, 1, 1), 9000000000000000000L), "error",
	    "a huge period does not overflow");
	is_str(work_days(cal, D(2026, 1, 1), 9000000000000000000L), "error",
	    "a huge working period does not overflow");
	is_str(months(cal, D(2026, 1, 1), 9000000000000000000L), "error",
	    "a huge month period does not overflow");
	is_int(count(cal, D(2014, 12, 31), D(2015, 1, 5)), -1, "count from before");
	is_int(count(cal, D(2036, 12, 1), D(2037, 1, 5)), -1, "count to after");
	is_int(eco_calendar_next_working(cal, D(2037, 1, 1), &due), -1,
	    "next working day outside");
	is_int(count(cal, D(2015, 1, 1), D(2015, 1, 9)), 4,
	    "2015: 2, 7 January off; 5, 6, 8, 9 work");
	eco_calendar_free(cal);
}

static void
test_transfers(void)
{
	struct eco_calendar *cal = statutory();
	const char *names[ECO_LANG_COUNT] = { "Жұмыс күні", "Рабочий день",
	    "Working day" };
	const struct eco_cal_exception *year;
	size_t n, i;
	int sorted = 1;

	/* A Government transfer: Friday 27 March 2026 off, Saturday 28 March
	 * working. */
	ok(eco_calendar_add(cal, D(2026, 3, 28), ECO_CAL_MOVED_WORK, names) == 0,
	    "a Saturday made working");
	ok(eco_calendar_add(cal, D(2026, 3, 27), ECO_CAL_MOVED_OFF, NULL) == 0,
	    "a Friday made off");
	/* Replace a generated day: 25 March 2026 made working again. */
	ok(eco_calendar_add(cal, D(2026, 3, 25), ECO_CAL_MOVED_WORK, NULL) == 0,
	    "a generated day replaced");
	/* Remove an exception, then add one twice. */
	ok(eco_calendar_add(cal, D(2026, 8, 31), ECO_CAL_NONE, NULL) == 0,
	    "an exception removed");
	ok(eco_calendar_add(cal, D(2026, 4, 1), ECO_CAL_HOLIDAY, NULL) == 0 &&
	    eco_calendar_add(cal, D(2026, 4, 1), ECO_CAL_NONE, NULL) == 0 &&
	    eco_calendar_add(cal, D(2026, 4, 1), ECO_CAL_NONE, NULL) == 0,
	    "removing twice is harmless");
	is_int(eco_calendar_add(cal, D(2040, 1, 1), ECO_CAL_HOLIDAY, NULL), -1,
	    "a day outside the range is refused");
	is_int(eco_calendar_add(cal, D(2026, 1, 1), (enum eco_cal_kind)9, NULL), -1,
	    "an unknown kind is refused");
	ok(eco_calendar_finish(cal) == 0, "finish with transfers");
	ok(eco_calendar_is_working(cal, D(2026, 3, 28)), "Saturday 28 March works");
	ok(!eco_calendar_is_working(cal, D(2026, 3, 27)), "Friday 27 March is off");
	ok(eco_calendar_is_working(cal, D(2026, 3, 25)), "25 March works again");
	ok(eco_calendar_is_working(cal, D(2026, 8, 31)), "31 August works again");
	ok(eco_calendar_is_working(cal, D(2026, 4, 1)), "1 April is ordinary");
	is_str(eco_cal_exception_name(eco_calendar_exception(cal, D(2026, 3, 28)),
	    ECO_LANG_RU), "Рабочий день", "the transfer keeps its name");
	is_str(cal_days(cal, D(2026, 3, 26), 1), "2026-03-28",
	    "a period may end on a working Saturday");
	is_str(cal_days(cal, D(2026, 3, 6), 15), "2026-03-25",
	    "15 days from 6 March end on the restored 25 March");
	is_str(work_days(cal, D(2026, 3, 25), 2), "2026-03-28",
	    "working days count the working Saturday");
	is_int(count(cal, D(2026, 3, 22), D(2026, 3, 29)), 3,
	    "(22, 29 March]: 25, 26, 28");
	/* The year's exceptions, in order. */
	ok(eco_calendar_year(cal, 2026, &year, &n) == 0, "exceptions of 2026");
	for (i = 1; i < n; i++)
		sorted &= year[i - 1].day < year[i].day;
	ok(sorted && n > 0 && year[0].day == D(2026, 1, 1) &&
	    year[n - 1].day == D(2026, 12, 16), "2026 runs from 1 Jan to 16 Dec");
	is_int(n, 20 - 1 + 2, "2026: 20 generated, one removed, two added");
	ok(eco_calendar_year(cal, 2040, &year, &n) == 0 && n == 0,
	    "a year outside the range has no exceptions");
	is_int(eco_calendar_year(cal, 1000, &year, &n), -1, "an absurd year");
	eco_calendar_free(cal);
}

static void
test_kinds(void)
{
	enum eco_cal_kind k = ECO_CAL_NONE;
	int i, round = 1;

	for (i = ECO_CAL_HOLIDAY; i <= ECO_CAL_MOVED_WORK; i++)
		round &= eco_cal_kind_parse(eco_cal_kind_code((enum eco_cal_kind)i),
		    &k) == 0 && (int)k == i;
	ok(round, "kind codes round-trip");
	is_str(eco_cal_kind_code(ECO_CAL_MOVED_OFF), "transferred_off", "database code");
	is_str(eco_cal_kind_code(ECO_CAL_NONE), "", "no code for an ordinary day");
	is_int(eco_cal_kind_parse("weekend", &k), -1, "unknown code");
	is_int(eco_cal_kind_parse(NULL, &k), -1, "NULL code");
}

/* Parses text into a fresh default calendar; returns the rc, err in err. */
static int
parse(const char *text, char *err, size_t errlen, struct eco_calendar **out)
{
	struct eco_calendar *cal = eco_calendar_new_default();
	int rc = eco_calendar_parse(cal, text, strlen(text), err, errlen);

	if (out != NULL)
		*out = cal;
	else
		eco_calendar_free(cal);
	return rc;
}

static void
parse_error(const char *text, const char *want, const char *name)
{
	char err[200];

	is_int(parse(text, err, sizeof(err), NULL), -1, name);
	is_str(err, want, name);
}

static void
test_parser(void)
{
	struct eco_calendar *cal;
	char err[200], small[8];
	const char *text =
	    "# Government transfers for 2026\n"
	    "\n"
	    "2026-03-27 off   Пятница перед Наурызом   # a comment\n"
	    "  2026-03-28\twork\r\n"
	    "2026-01-05 off\n"
	    "   \t  \n"
	    "# trailing comment without a newline";

	is_int(parse(text, err, sizeof(err), &cal), 0, "a valid file parses");
	is_str(err, "", "no error message");
	eco_calendar_finish(cal);
	is_int(kind_of(cal, D(2026, 3, 27)), ECO_CAL_MOVED_OFF, "off line");
	is_int(kind_of(cal, D(2026, 3, 28)), ECO_CAL_MOVED_WORK, "work line with CRLF");
	is_str(eco_cal_exception_name(eco_calendar_exception(cal, D(2026, 3, 27)),
	    ECO_LANG_EN), "Пятница перед Наурызом", "the name, trimmed");
	ok(eco_calendar_exception(cal, D(2026, 3, 28))->name[0] == NULL,
	    "no name is NULL");
	is_str(cal_days(cal, D(2026, 1, 2), 1), "2026-01-06",
	    "only weekends and the file count");
	is_str(cal_days(cal, D(2026, 3, 20), 1), "2026-03-23",
	    "no generated holidays with a file");
	is_int(count(cal, D(2026, 3, 26), D(2026, 3, 29)), 1, "(26, 29 March]: 28");
	eco_calendar_free(cal);
	is_int(parse("", err, sizeof(err), NULL), 0, "an empty file");
	is_int(parse("2026-03-27 off", err, sizeof(err), NULL), 0,
	    "no newline at the end");
	is_int(parse("2026-03-28 off\n", err, sizeof(err), NULL), 0,
	    "a Saturday off is redundant, not wrong");

	parse_error("2026-03-27 off\n\n2026-3-28 work\n",
	    "line 3: expected YYYY-MM-DD off|work [name]", "short date");
	parse_error("# c\n2026-02-30 off\n",
	    "line 2: the date must be a valid YYYY-MM-DD", "30 February");
	parse_error("2026-03-27 holiday\n",
	    "line 1: expected off or work after the date", "unknown word");
	parse_error("2026-03-27\n",
	    "line 1: expected off or work after the date", "no word");
	parse_error("2026-03-27off\n",
	    "line 1: expected YYYY-MM-DD off|work [name]", "no blank after the date");
	parse_error("\n\n\n\n2040-01-01 off\n",
	    "line 5: 2040-01-01 is outside the calendar 2015-2036", "outside the range");
	parse_error("2026-03-27 off\n2026-03-27 work\n",
	    "line 2: 2026-03-27 is listed twice", "a day twice");
	parse_error("2026-03-27 off \xff\xfe\n",
	    "line 1: the name is not valid UTF-8 text", "bad UTF-8 in the name");
	parse_error("2026-03-27 off a\x01b\n",
	    "line 1: the name is not valid UTF-8 text", "a control character");
	parse_error("2026-03-27 offx\n",
	    "line 1: expected off or work after the date", "offx");
	parse_error("x\n", "line 1: expected YYYY-MM-DD off|work [name]", "garbage");
	{
		char *big = malloc(ECO_CALENDAR_NAME_MAX + 40);

		memcpy(big, "2026-03-27 off ", 15);
		memset(big + 15, 'a', ECO_CALENDAR_NAME_MAX + 1);
		big[15 + ECO_CALENDAR_NAME_MAX + 1] = '\0';
		parse_error(big, "line 1: the name is too long", "a long name");
		free(big);
	}
	{
		/* A NUL inside the text is malformed, not an end. */
		static const char nul[] = "2026-03-27 off\n2026-03-28 w\0rk\n";

		cal = eco_calendar_new_default();
		is_int(eco_calendar_parse(cal, nul, sizeof(nul) - 1, err,
		    sizeof(err)), -1, "a NUL byte");
		is_str(err, "line 2: expected off or work after the date",
		    "a NUL byte's line");
		eco_calendar_free(cal);
	}
	is_int(parse("2026-03-27 work\nbad\n", small, sizeof(small), NULL), -1,
	    "a short error buffer");
	is_str(small, "line 2:", "the message is cut, not overflowed");
	cal = eco_calendar_new_default();
	eco_calendar_finish(cal);
	is_int(eco_calendar_parse(cal, "", 0, err, sizeof(err)), -1,
	    "a finished calendar takes no file");
	eco_calendar_free(cal);
}

/* --- the property test --------------------------------------------------- */

/*
 * The reference: the working state of each day computed on its own from
 * the generator's lists and the same transfers, and periods found by
 * walking day by day.
 */
struct naive {
	long		 first, last;
	unsigned char	*working;
};

static bool
naive_working(const struct naive *nv, long d)
{
	return nv->working[d - nv->first];
}

static long
naive_roll(const struct naive *nv, long d)
{
	for (; d <= nv->last; d++)
		if (naive_working(nv, d))
			return d;
	return -1;
}

static long
naive_months(const struct naive *nv, long from, int n)
{
	int y, m, d, i;

	eco_civil_from_days(from, &y, &m, &d);
	for (i = 0; i < n; i++)
		if (++m > 12) {
			m = 1;
			y++;
		}
	if (d > eco_days_in_month(y, m))
		d = eco_days_in_month(y, m);
	from = D(y, m, d);
	return from > nv->last ? -1 : naive_roll(nv, from);
}

static uint32_t
next_random(uint32_t *state)
{
	/* xorshift32: a fixed sequence on every platform. */
	*state ^= *state << 13;
	*state ^= *state >> 17;
	*state ^= *state << 5;
	return *state;
}

/* The statutory calendar plus Government transfers chosen with a fixed
 * seed, and the same days in the naive reference. */
static struct eco_calendar *
random_calendar(struct naive *nv)
{
	struct eco_calendar *cal = eco_calendar_new_default();
	struct eco_holiday h[ECO_HOLIDAYS_MAX];
	uint32_t seed = 20260321;
	size_t i, n;
	long d, first = eco_calendar_first(cal), last = eco_calendar_last(cal);
	int y, k;

	nv->first = first;
	nv->last = last;
	nv->working = malloc((size_t)(last - first + 1));
	for (d = first; d <= last; d++)
		nv->working[d - first] = eco_weekday(d) <= 5;
	eco_holidays_generate(cal, ECO_CALENDAR_FIRST_YEAR, ECO_CALENDAR_LAST_YEAR);
	for (y = ECO_CALENDAR_FIRST_YEAR; y <= ECO_CALENDAR_LAST_YEAR; y++) {
		n = eco_holidays_year(y, h);
		for (i = 0; i < n; i++)
			nv->working[h[i].day - first] = 0;
	}
	for (y = ECO_CALENDAR_FIRST_YEAR; y <= ECO_CALENDAR_LAST_YEAR; y++)
		for (k = 0; k < 4; k++) {
			d = D(y, 1, 1) + (long)(next_random(&seed) % 365);
			if (eco_weekday(d) >= 6) {
				eco_calendar_add(cal, d, ECO_CAL_MOVED_WORK, NULL);
				nv->working[d - first] = 1;
			} else {
				eco_calendar_add(cal, d, ECO_CAL_MOVED_OFF, NULL);
				nv->working[d - first] = 0;
			}
		}
	if (eco_calendar_finish(cal) != 0)
		abort();
	return cal;
}

#define PROP_MAX_N	400
#define PROP_MAX_M	36

/* Mismatches of one start date against the reference, by unit. */
struct mismatches {
	long	cal, work, month, count, agree;
};

static void
check_start(const struct eco_calendar *cal, const struct naive *nv, long from,
    struct mismatches *mm)
{
	long kth[PROP_MAX_N + 1], want, got, c, d;
	int n, k;

	/* kth[k]: the k-th working day strictly after from, found by walking. */
	kth[0] = naive_roll(nv, from);
	for (k = 1, d = from + 1; k <= PROP_MAX_N; d++) {
		if (d > nv->last) {
			for (; k <= PROP_MAX_N; k++)
				kth[k] = -1;
			break;
		}
		if (naive_working(nv, d))
			kth[k++] = d;
	}
	for (n = 0, c = 0; n <= PROP_MAX_N; n++) {
		d = from + n;
		want = d > nv->last ? -1 : naive_roll(nv, d);
		if (eco_calendar_add_calendar_days(cal, from, n, &got) != 0)
			got = -1;
		mm->cal += got != want;
		if (eco_calendar_add_working_days(cal, from, n, &got) != 0)
			got = -1;
		mm->work += got != kth[n];
		if (n > 0 && d <= nv->last && naive_working(nv, d))
			c++;
		if (eco_calendar_count_working(cal, from, d, &got) != 0)
			got = -1;
		mm->count += got != (d > nv->last ? -1 : c);
		mm->agree += eco_calendar_is_working(cal, d) !=
		    (d <= nv->last && naive_working(nv, d));
	}
	for (n = 0; n <= PROP_MAX_M; n++) {
		if (eco_calendar_add_months(cal, from, n, &got) != 0)
			got = -1;
		mm->month += got != naive_months(nv, from, n);
	}
}

static void
test_property(void)
{
	struct naive nv;
	struct eco_calendar *cal = random_calendar(&nv);
	struct mismatches mm;
	char name[120];
	long from;
	int y;

	for (y = 2015; y <= 2035; y++) {
		memset(&mm, 0, sizeof(mm));
		for (from = D(y, 1, 1); from <= D(y, 12, 31); from++)
			check_start(cal, &nv, from, &mm);
		snprintf(name, sizeof(name), "%d: calendar days 0-%d match the "
		    "reference for every start date", y, PROP_MAX_N);
		is_int(mm.cal, 0, name);
		snprintf(name, sizeof(name), "%d: working days 0-%d match",
		    y, PROP_MAX_N);
		is_int(mm.work, 0, name);
		snprintf(name, sizeof(name), "%d: months 0-%d match", y, PROP_MAX_M);
		is_int(mm.month, 0, name);
		snprintf(name, sizeof(name), "%d: working-day counts match", y);
		is_int(mm.count, 0, name);
		snprintf(name, sizeof(name), "%d: working or not agrees", y);
		is_int(mm.agree, 0, name);
	}
	free(nv.working);
	eco_calendar_free(cal);
}

int
main(void)
{
	test_weekends();
	test_new();
	test_generator_2026();
	test_holidays();
	test_periods();
	test_out_of_range();
	test_transfers();
	test_kinds();
	test_parser();
	test_property();
	return tap_done();
}
