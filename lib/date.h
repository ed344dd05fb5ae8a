/*
 * Civil dates as day numbers (days since 1970-01-01), the portal's "today"
 * in Asia/Almaty, and ISO parsing.  Pure functions except eco_today().
 */
#ifndef ECO_DATE_H
#define ECO_DATE_H

#include <stdbool.h>
#include <stddef.h>

/* Days since 1970-01-01 of y-m-d (proleptic Gregorian). */
long	eco_days_from_civil(int y, int m, int d);
void	eco_civil_from_days(long days, int *y, int *m, int *d);
/* 1 = Monday ... 7 = Sunday (ISO 8601). */
int	eco_weekday(long days);
bool	eco_date_valid(int y, int m, int d);
int	eco_days_in_month(int y, int m);
/*
 * The same date n months later (n >= 0), or the month's last day when that
 * month is shorter; *clamped (may be NULL) tells whether it was.
 */
long	eco_add_months_clamped(long days, long n, bool *clamped);
/* Strict "YYYY-MM-DD" (years 1900-2200) into a day number; -1 if invalid. */
int	eco_date_parse(const char *, long *days);
/* Writes "YYYY-MM-DD" into out (at least 11 bytes). */
void	eco_date_format_iso(long days, char *out, size_t outlen);

/*
 * Today's date in Asia/Almaty.  In the dev run (ECO_ENV=dev) the environment
 * variable ECO_TODAY=YYYY-MM-DD replaces it; in production it is ignored.
 */
long	eco_today(void);
/* Set once at start from the configuration; -1 means the real clock. */
void	eco_today_override(long days);

#endif
