/*
 * The statutory-holiday generator: the table of calendar.md and the weekend
 * transfer rule.  See holidays.h.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "date.h"
#include "holidays.h"

struct statutory {
	int		 month, day;
	int		 from_year, to_year;	/* the years it is a day off */
	bool		 religious;		/* never moved */
	const char	*name[ECO_LANG_COUNT];	/* kk, ru, en */
};

#define ALWAYS	1900, 2200

/* In date order within a year, so that transfers are made in that order. */
static const struct statutory table[] = {
	{ 1, 1, ALWAYS, false,
	  { "Жаңа жыл", "Новый год", "New Year" } },
	{ 1, 2, ALWAYS, false,
	  { "Жаңа жыл", "Новый год", "New Year" } },
	{ 1, 7, ALWAYS, true,
	  { "Православиелік Рождество", "Православное Рождество",
	    "Orthodox Christmas" } },
	{ 3, 8, ALWAYS, false,
	  { "Халықаралық әйелдер күні", "Международный женский день",
	    "International Women's Day" } },
	{ 3, 21, ALWAYS, false,
	  { "Наурыз мейрамы", "Наурыз мейрамы", "Nauryz" } },
	{ 3, 22, ALWAYS, false,
	  { "Наурыз мейрамы", "Наурыз мейрамы", "Nauryz" } },
	{ 3, 23, ALWAYS, false,
	  { "Наурыз мейрамы", "Наурыз мейрамы", "Nauryz" } },
	{ 5, 1, ALWAYS, false,
	  { "Қазақстан халқының бірлігі мерекесі",
	    "Праздник единства народа Казахстана",
	    "Unity Day of the People of Kazakhstan" } },
	{ 5, 7, ALWAYS, false,
	  { "Отан қорғаушы күні", "День защитника Отечества",
	    "Defender of the Fatherland Day" } },
	{ 5, 9, ALWAYS, false,
	  { "Жеңіс күні", "День Победы", "Victory Day" } },
	{ 7, 6, ALWAYS, false,
	  { "Астана күні", "День столицы", "Capital Day" } },
	{ 8, 30, ALWAYS, false,
	  { "Конституция күні", "День Конституции", "Constitution Day" } },
	{ 10, 25, 2022, 2200, false,
	  { "Республика күні", "День Республики", "Republic Day" } },
	{ 12, 16, ALWAYS, false,
	  { "Тәуелсіздік күні", "День Независимости", "Independence Day" } },
	{ 12, 17, 1900, 2021, false,
	  { "Тәуелсіздік күні", "День Независимости", "Independence Day" } },
};

#define NTABLE	(sizeof(table) / sizeof(table[0]))
/* A moved day is found within two weeks even after the longest run. */
#define MAX_SEARCH	14

static bool
listed(const struct eco_holiday *h, size_t n, long day)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (h[i].day == day)
			return true;
	return false;
}

static bool
weekend(long day)
{
	return eco_weekday(day) >= 6;
}

static void
set_names(struct eco_holiday *h, const char *const name[ECO_LANG_COUNT])
{
	int l;

	for (l = 0; l < ECO_LANG_COUNT; l++)
		snprintf(h->name[l], sizeof(h->name[l]), "%s", name[l]);
}

static void
set_moved_names(struct eco_holiday *h, const struct statutory *s)
{
	snprintf(h->name[ECO_LANG_KK], sizeof(h->name[0]),
	    "Демалыс күні ауыстырылды (%s)", s->name[ECO_LANG_KK]);
	snprintf(h->name[ECO_LANG_RU], sizeof(h->name[0]),
	    "Перенесённый выходной (%s)", s->name[ECO_LANG_RU]);
	snprintf(h->name[ECO_LANG_EN], sizeof(h->name[0]),
	    "Day off moved from %s", s->name[ECO_LANG_EN]);
}

/* Insertion sort by day: a year has a few dozen entries at most. */
static void
sort_by_day(struct eco_holiday *h, size_t n)
{
	struct eco_holiday t;
	size_t i, j;

	for (i = 1; i < n; i++) {
		t = h[i];
		for (j = i; j > 0 && h[j - 1].day > t.day; j--)
			h[j] = h[j - 1];
		h[j] = t;
	}
}

static bool
taken_day(const long *taken, size_t ntaken, long day)
{
	size_t i;

	for (i = 0; i < ntaken; i++)
		if (taken[i] == day)
			return true;
	return false;
}

size_t
eco_holidays_year(int y, struct eco_holiday out[ECO_HOLIDAYS_MAX])
{
	return eco_holidays_year_around(y, NULL, 0, out);
}

size_t
eco_holidays_year_around(int y, const long *taken, size_t ntaken,
    struct eco_holiday out[ECO_HOLIDAYS_MAX])
{
	size_t i, n = 0, nholidays;
	const struct statutory *src[NTABLE];
	long day;
	int step;

	if (y < 1900 || y > 2200)
		return 0;
	/* First every holiday of the year... */
	for (i = 0; i < NTABLE; i++) {
		if (y < table[i].from_year || y > table[i].to_year)
			continue;
		memset(&out[n], 0, sizeof(out[n]));
		out[n].day = eco_days_from_civil(y, table[i].month, table[i].day);
		out[n].kind = table[i].religious ? ECO_CAL_RELIGIOUS : ECO_CAL_HOLIDAY;
		set_names(&out[n], table[i].name);
		src[n++] = &table[i];
	}
	nholidays = n;
	/* ...then, in date order, a day off for each one on a weekend. */
	for (i = 0; i < nholidays && n < ECO_HOLIDAYS_MAX; i++) {
		if (src[i]->religious || !weekend(out[i].day))
			continue;
		day = out[i].day;
		for (step = 0; step < MAX_SEARCH; step++) {
			day++;
			if (!weekend(day) && !listed(out, n, day) &&
			    !taken_day(taken, ntaken, day))
				break;
		}
		if (step == MAX_SEARCH)
			continue;	/* cannot happen with this table */
		memset(&out[n], 0, sizeof(out[n]));
		out[n].day = day;
		out[n].kind = ECO_CAL_MOVED_OFF;
		set_moved_names(&out[n], src[i]);
		n++;
	}
	sort_by_day(out, n);
	return n;
}

int
eco_holidays_generate(struct eco_calendar *cal, int from, int to)
{
	struct eco_holiday h[ECO_HOLIDAYS_MAX];
	const char *names[ECO_LANG_COUNT];
	size_t i, n;
	int y, l;

	if (cal == NULL || from < 1900 || to > 2200 || from > to)
		return -1;
	for (y = from; y <= to; y++) {
		n = eco_holidays_year(y, h);
		for (i = 0; i < n; i++) {
			if (!eco_calendar_in_range(cal, h[i].day))
				continue;
			for (l = 0; l < ECO_LANG_COUNT; l++)
				names[l] = h[i].name[l];
			if (eco_calendar_add(cal, h[i].day, h[i].kind, names) != 0)
				return -1;
		}
	}
	return 0;
}
