/*
 * Statistics of information requests (issue item 9), per holder and
 * summed over holders: pure arithmetic, no I/O, so unit tests reach every
 * definition.  stats_db.c counts the database into these structures;
 * page_stats.c shows them.
 *
 * Every request counts, public or not: these are numbers, with nothing
 * that identifies a requester, and the law wants statistics of requests,
 * refusals and their grounds.
 *
 * The definitions, the same as a request's page (workflow.h):
 *
 *	on time		request_on_time(): an answer by its due date, a
 *			refusal within 5 working days of registration, a
 *			redirect within 3 working days of receipt.
 *			"decided" counts the requests it judges, on_time
 *			those of them on time; open, not considered and
 *			withdrawn requests are in neither.
 *	overdue, due_soon
 *			request_flags() against today: open and past the
 *			due date, or open with 0..3 days left.
 *	days to answer	answered_on - received_on of answered and
 *			partially answered requests (calendar days).
 *	median		of the days to answer; the mean of the two middle
 *			ones for an even count, so it may end in .5.
 *	percent		rounded half up to a whole number; none (-1) when
 *			nothing is counted.
 *	redirects	out: requests this holder redirected (status
 *			redirected); in: requests it received that way.
 *	extensions	requests extended for inspection, for several
 *			holders, and requests extended at all.
 *	by month	requests received in each of the last 12 calendar
 *			months, this one last.
 *	complaints	against the holder's answers and refusals, by
 *			instance and outcome.
 */
#ifndef ECO_REQUESTS_STATS_H
#define ECO_REQUESTS_STATS_H

#include <stdbool.h>
#include <stddef.h>

#include "workflow.h"

#define STATS_MONTHS		12
#define STATS_MAX_DAYS		365	/* the last bucket: 365 days or more */
#define STATS_NGROUNDS		(REQ_GROUND_FOREIGN_AGREEMENT_PENDING + 1)
/* due_on - today is told apart up to here: enough for overdue (< 0) and
 * due_soon (0..REQ_DAYS_DUE_SOON). */
#define STATS_DUE_IN_MAX	(REQ_DAYS_DUE_SOON + 1)

/* Complaints (requests.complaints), in the order of their CHECKs. */
enum stats_instance {
	STATS_HIGHER_BODY = 0,
	STATS_COURT,
	STATS_NINSTANCES
};
enum stats_outcome {
	STATS_PENDING = 0,
	STATS_UPHELD,
	STATS_PARTIALLY_UPHELD,
	STATS_DISMISSED,
	STATS_OUTCOME_WITHDRAWN,
	STATS_NOUTCOMES
};

struct stats_counts {
	long	requests;
	long	by_status[REQ_STATUS_COUNT];
	long	open, overdue, due_soon;
	long	decided, on_time;
	long	answered_late, refused_late, redirected_late;
	long	by_ground[STATS_NGROUNDS];	/* [0]: a ground not known */
	long	redirected_in;
	long	extended_inspection, extended_holders, extended;
	long	complaints, complaints_late;
	long	complaints_by_instance[STATS_NINSTANCES];
	long	complaints_by_outcome[STATS_NOUTCOMES];
	long	by_month[STATS_MONTHS];		/* the last is this month */
	long	answers;			/* the sum of days[] */
	long	days[STATS_MAX_DAYS + 1];	/* answers by days taken */
};

/*
 * A group of requests as the database counts them: the state reduced to
 * what request_flags() compares, so that the flags, not a second copy of
 * their rules in SQL, decide (stats_add_group).
 */
struct stats_group {
	enum request_status	status;
	enum request_ground	ground;
	bool			extended_inspection;
	bool			extended_holders;
	bool			came_redirected;	/* channel "redirect" */
	int			due_in;	/* due_on - today, clamped to
					 * -1..STATS_DUE_IN_MAX */
	int			answered_vs_due; /* sign(answered_on - due_on),
						  * 0 when not answered */
	int			refused_vs_due;	/* sign(refused_on -
						 * refusal_due_on) */
	int			redirected_vs_due; /* sign(redirected_on -
						    * redirect_due_on) */
	long			count;
};

/* Adds a group judged on day today; cal is request_flags()'s. */
void	stats_add_group(struct stats_counts *, const struct eco_calendar *cal,
	    const struct stats_group *, long today);
/* Adds count answers that took days days (clamped to 0..STATS_MAX_DAYS). */
void	stats_add_days(struct stats_counts *, long days, long count);
/*
 * Adds count requests received in the month that starts on day
 * month_start, if it is one of the 12 up to today's; 0, or -1 when it is
 * not.
 */
int	stats_add_month(struct stats_counts *, long today, long month_start,
	    long count);
/* The first day of the oldest of the 12 months up to today's. */
long	stats_first_month(long today);
/* Adds count complaints; -1 (nothing added) for an unknown code. */
int	stats_add_complaints(struct stats_counts *, const char *instance,
	    const char *outcome, bool late, long count);
/* into += from. */
void	stats_sum(struct stats_counts *into, const struct stats_counts *from);

/* part of whole in percent, rounded half up; -1 when whole <= 0. */
int	stats_percent(long part, long whole);
/* Twice the median of the days to answer (an integer even for x.5);
 * -1 when there are no answers. */
long	stats_median_x2(const struct stats_counts *);
/* Twice a value as text: 14 -> "7", 15 -> "7" sep "5"; "" for -1. */
void	stats_half_format(long x2, const char *sep, char *out, size_t outlen);

/* The code of a complaint's instance or outcome ("court", "upheld"). */
const char *stats_instance_code(enum stats_instance);
const char *stats_outcome_code(enum stats_outcome);

/* A holder with its counts, for the table of holders. */
struct stats_holder {
	long long		 id;
	const char		*code;
	const char		*name[3];	/* kk, ru, en */
	const char		*region;	/* "" for a national body */
	bool			 active;
	struct stats_counts	*c;
};

/* The columns the table of holders sorts by; STATS_SORT_ORDER is the
 * holders' own order (ministries first). */
enum stats_sort {
	STATS_SORT_ORDER = 0,
	STATS_SORT_REQUESTS,
	STATS_SORT_ON_TIME,
	STATS_SORT_MEDIAN,
	STATS_SORT_OVERDUE,
	STATS_SORT_REFUSALS,
	STATS_SORT_REDIRECTS,
	STATS_SORT_EXTENSIONS,
	STATS_SORT_COMPLAINTS,
	STATS_NSORTS
};
/* "requests", "on_time", ...; "" out of range.  parse: -1 for others. */
const char *stats_sort_code(enum stats_sort);
int	stats_sort_parse(const char *, enum stats_sort *);
/*
 * Sorts v (pointers into the holders, which are in their own order) by
 * the column: descending when desc, holders with nothing to show (no
 * decision for on_time, no answer for median) last either way, ties in
 * the holders' order.
 */
void	stats_sort(const struct stats_holder **v, size_t n, enum stats_sort,
	    bool desc);

#endif
