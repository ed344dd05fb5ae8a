/*
 * What a new information request must satisfy, with no I/O so unit tests
 * reach it: the same rules for the JSON API and the HTML form, for a
 * requester filing on the portal and for a registrar entering a paper or
 * oral request.
 */
#ifndef ECO_REQUESTS_FILING_H
#define ECO_REQUESTS_FILING_H

#include <stdbool.h>
#include <stddef.h>

#include "validate.h"

#define FILING_MAX_QUESTIONS	20
#define FILING_MAX_ERRORS	24
#define FILING_SUBJECT_MAX	300	/* characters */
#define FILING_BODY_MAX		20000
#define FILING_QUESTION_MAX	2000
#define FILING_ADDRESS_MAX	500
#define FILING_NAME_MAX		300
#define FILING_PHONE_MAX	40

/* Who asked, when a registrar enters a paper or oral request. */
struct filing_requester {
	const char	*kind;		/* "individual" or "organisation" */
	const char	*full_name;	/* the person, or the contact person */
	const char	*iin;		/* individuals */
	const char	*bin;		/* organisations */
	const char	*org_name;	/* organisations */
	const char	*email;		/* optional */
	const char	*phone;		/* optional */
};

struct filing {
	long long	 holder_id;	/* 0: missing; -1: not an id */
	const char	*subject;
	const char	*body;
	const char	*language;	/* "kk" or "ru": the answer's language */
	const char	*answer_form;	/* "electronic" or "paper" */
	const char	*postal_address; /* required for a paper answer */
	const char	*fee_exemption;	/* NULL or a fee_exemption code */
	const char	*questions[FILING_MAX_QUESTIONS];
	size_t		 nquestions;
	bool		 too_many_questions;
	bool		 bad_question_type; /* a question that is not a string */
	bool		 is_public;
	bool		 show_name;	/* an organisation shows its name */
	const char	*client_token;	/* against double submission; NULL ok */
	/* A registrar or head entering a paper or oral request. */
	bool		 on_behalf;
	const char	*channel;	/* "paper" or "oral" */
	const char	*received_on;	/* YYYY-MM-DD, not after today */
	struct filing_requester requester;
};

/*
 * Checks f against the day today (the receipt date may not be later) and
 * writes every problem to errors (at most FILING_MAX_ERRORS).  Returns the
 * number of problems; 0 means the request may be filed, and then
 * *received_on is the receipt day (today unless on_behalf).
 */
size_t	filing_check(const struct filing *, long today, long *received_on,
	    struct eco_field_error *errors);

/* The twelve categories exempt from copying fees (requests.md, Fees). */
struct fee_exemption {
	const char	*code;		/* "pensioners" */
	const char	*label;		/* English msgid */
};
extern const struct fee_exemption fee_exemptions[];
extern const size_t nfee_exemptions;

/* The label of a code, or NULL. */
const char *fee_exemption_label(const char *code);

/*
 * A registration number: the holder's code in capitals with '-' for '_',
 * the year and the number of five digits or more ("MEPR-CERC-2026-00017").
 */
void	filing_reg_no(const char *code, int year, int seq, char *out,
	    size_t len);

#endif
