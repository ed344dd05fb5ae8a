/*
 * Made-up information requests, for the demo (ecoctl demo load) and the
 * benchmark (ecoctl requests generate): plausible Kazakh and Russian
 * environmental subjects, requesters, and a timeline of events for each
 * request replayed through the portal's own workflow (workflow.h) on the
 * statutory calendar, so that every state, deadline and date obeys the
 * same rules as a request filed on the portal.  Pure: a seeded PRNG and
 * the workflow, no I/O, so the same seed and day give the same requests
 * on every machine, and unit tests reach it.  requests_copy.h writes them.
 *
 *	struct gen_world w = { cal, today, holders, nh, accounts, na };
 *	struct gen_request *r = calloc(n, sizeof(*r));
 *	size_t made = gen_requests(&w, seed, n, r);
 *	gen_number(&w, r, made, counters, ncounters);
 */
#ifndef ECO_REQUESTS_GEN_H
#define ECO_REQUESTS_GEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "workflow.h"

#define GEN_MAX_EVENTS		8
#define GEN_MAX_QUESTIONS	3
#define GEN_DAYS_BACK		365	/* requests of the last year */

/* splitmix64: small, fast and the same everywhere. */
struct gen_rng {
	uint64_t	state;
};

void	 gen_seed(struct gen_rng *, uint64_t seed);
uint64_t gen_next(struct gen_rng *);
/* 0 to n - 1 (n > 0). */
long	 gen_below(struct gen_rng *, long n);

/* A holder the requests may go to, with its officials' accounts. */
struct gen_holder {
	long long	 id;
	const char	*code;		/* for the registration numbers */
	const char	*region;	/* "" for a national body */
	long long	 registrar;	/* user ids; 0 none: the head acts */
	long long	 executor;
	long long	 head;		/* required */
};

/* A requester's account: individuals and organisations file on the portal. */
struct gen_account {
	long long	 id;
	bool		 organisation;
};

struct gen_world {
	const struct eco_calendar *cal;
	long			 today;		/* the last day of events */
	const struct gen_holder	*holders;	/* at least two */
	size_t			 nholders;
	const struct gen_account *accounts;	/* at least one */
	size_t			 naccounts;
};

/* One entry of a request's timeline, as requests.events holds it. */
struct gen_event {
	const char		*type;		/* "registered", "assign", ... */
	long			 on;
	long long		 actor;		/* user id, 0 none */
	const char		*deadline;	/* rule code it had to meet, or NULL */
	long			 deadline_on;
	bool			 workflow;	/* ev is a workflow event */
	struct request_event	 ev;
	long			 due_on;	/* classify, extend: set */
	long			 notify_due_on;	/* extend: set */
	bool			 refusal;	/* draft: of a refusal */
};

struct gen_request {
	size_t			 holder;	/* index in the world */
	long			 from;		/* redirected from: index, -1 */
	long			 to;		/* redirected to: index, -1 */
	long			 account;	/* index in the world; -1 paper */
	long			 person;	/* a made-up paper requester */
	bool			 organisation;
	bool			 show_name;	/* an organisation's, public */
	const char		*channel;	/* portal, paper, oral, redirect */
	size_t			 topic;
	int			 variant;	/* of the subject */
	bool			 ru;		/* language: ru, else kk */
	bool			 paper_answer;
	bool			 is_public;
	const char		*fee_exemption;	/* NULL none */
	int			 nquestions;
	bool			 answered[GEN_MAX_QUESTIONS];
	long			 fee_pages;	/* -1 none */
	struct request_state	 st;		/* after the events */
	struct gen_event	 events[GEN_MAX_EVENTS];
	int			 nevents;
	int			 reg_year;	/* gen_number */
	int			 reg_seq;
};

/*
 * Makes n requests (redirects open a second request at the competent
 * holder, counted in n) over the GEN_DAYS_BACK days up to w->today, in
 * every status; returns n.  out has room for n.
 */
size_t	gen_requests(const struct gen_world *, uint64_t seed, size_t n,
	    struct gen_request *out);

/* The last number a holder gave in a year, before and after gen_number. */
struct gen_counter {
	long long	holder_id;
	int		year;
	int		last;
};

/*
 * Gives the requests their registration numbers: per holder and year of
 * registration, in order of registration, gapless after the counters
 * already in *counters (*ncounters of them; room for n more), which it
 * moves on.
 */
void	gen_number(const struct gen_world *, struct gen_request *, size_t n,
	    struct gen_counter *counters, size_t *ncounters);

/* The topics (requests_text.c): how many, where each is ("" national),
 * and how many itemised questions it has. */
size_t	gen_ntopics(void);
const char *gen_topic_region(size_t topic);
int	gen_topic_questions(size_t topic);

/* The texts of a request in its language. */
const char *gen_subject(const struct gen_request *);
const char *gen_body(const struct gen_request *);
const char *gen_question(const struct gen_request *, int i);
const char *gen_answer_text(const struct gen_request *);
const char *gen_justification(const struct gen_request *,
	    const struct gen_event *);

/* A made-up requester of a paper or oral request. */
struct gen_person {
	char	name[128];	/* the person, or an organisation's contact */
	char	iin[13];	/* a valid IIN */
	char	org[160];	/* an organisation's name, "" for a person */
	char	bin[13];	/* a valid BIN, "" for a person */
	char	address[256];	/* in the request's language */
	char	phone[32];
};

void	gen_person(const struct gen_request *, struct gen_person *);
/* A valid IIN or BIN from the first 11 digits (the last of them is
 * changed until the check digit exists); out has 13 bytes. */
void	gen_id_number(const char *digits11, char *out);

#endif
