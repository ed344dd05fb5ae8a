/*
 * One step on a request by an official or its requester: the workflow's
 * events (workflow.h) plus the executor's draft and the record of a notice
 * sent on paper.  The same action comes from the JSON API and from the
 * desk's forms; act_check and act_forbidden are pure, request_act does
 * the rest in one transaction: lock, check, apply, store, timeline,
 * audit, mail.
 */
#ifndef ECO_REQUESTS_ACT_H
#define ECO_REQUESTS_ACT_H

#include <stdbool.h>
#include <stddef.h>

#include "attachment.h"
#include "filing.h"
#include "workflow.h"

#define ACT_JUSTIFICATION_MAX	5000
#define ACT_TEXT_MAX		50000
#define ACT_ITEM_MAX		20000

enum act_kind {
	ACT_EVENT,		/* a workflow event: action.ev */
	ACT_DRAFT,		/* the executor's draft answer or refusal */
	ACT_NOTIFY		/* the extension notice went out on paper */
};

/* How one itemised question was answered. */
struct act_item {
	long		 n;		/* 1-based */
	bool		 answered;
	const char	*answer;	/* NULL: none */
};

struct request_action {
	enum act_kind		 kind;
	struct request_event	 ev;		/* ACT_EVENT; the draft's
						 * complete and ground */
	bool			 draft_refusal;	/* ACT_DRAFT of a refusal */
	bool			 complete_given; /* else an answer takes the
						 * draft's completeness */
	const char		*justification;
	const char		*text;		/* answer or draft text */
	struct act_item		 items[FILING_MAX_QUESTIONS];
	size_t			 nitems;
	bool			 too_many_items;
	long			 fee_pages;	/* -1: no fee; -2: pages sent
						 * but not a count */
	const char		*fee_tariff;	/* tenge per page, "12.50" */
	const char		*notified_on;	/* ACT_NOTIFY: YYYY-MM-DD */
	/* Files of an answer, a refusal or their draft; draft files to
	 * take away again (by id). */
	struct attachment_file	 files[ATTACH_MAX];
	size_t			 nfiles;
	bool			 too_many_files;
	long long		 remove[ATTACH_MAX];
	size_t			 nremove;
	bool			 bad_removal;
};

/* Parses an action type ("classify", "draft", ...); -1 if unknown. */
int	act_parse_type(const char *, struct request_action *);
/* The action's own values; NULL or an English msgid (HTTP 400). */
const char *act_check(const struct request_action *);
/*
 * The action's files (attachment_check each, which sets their types):
 * NULL, or an English msgid with *status 400 or 413 (a file too large).
 */
const char *act_check_files(struct request_action *, int *status);
/*
 * Whether an official in position ("registrar", "executor", "head") may
 * take the action: NULL, or an English msgid (HTTP 403).  Withdrawal is
 * the requester's alone.
 */
const char *act_forbidden(const struct request_action *, const char *position);

struct act_result {
	int		 status;	/* HTTP: 200, 400, 403, 404, 409, 503 */
	const char	*code;		/* API error code */
	const char	*message;	/* English msgid */
};

struct eco_ctx;

/* Takes the action on request id as the signed-in account. */
void	request_act(struct eco_ctx *, long long id,
	    const struct request_action *, struct act_result *);

#endif
