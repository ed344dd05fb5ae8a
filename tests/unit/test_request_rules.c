/*
 * Unit tests of the pure rules of information requests: what a filing
 * must satisfy (handlers/requests/filing.c), the words of the tracker's
 * search as a tsquery (search.c), and the values and positions of an
 * official's step (act.c).  Lengths are counted in characters, so the
 * limits are checked with Cyrillic text (two bytes a character) as well.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "act.h"
#include "arena.h"
#include "date.h"
#include "filing.h"
#include "search.h"
#include "tap.h"
#include "validate.h"

#define D(y, m, d)	eco_days_from_civil((y), (m), (d))

static struct eco_arena *arena;
static long today;

/* n copies of unit, on the arena. */
static const char *
rep(const char *unit, size_t n)
{
	size_t len = strlen(unit), i;
	char *s = eco_alloc(arena, len * n + 1);

	for (i = 0; i < n; i++)
		memcpy(s + i * len, unit, len);
	s[len * n] = '\0';
	return s;
}

/*
 * A valid IIN or BIN from its first 11 digits, by the rule of
 * lib/validate.h written out again here: the tests must not borrow the
 * code they check.  NULL when no check digit is possible.
 */
static const char *
with_check(const char *d11)
{
	static const int w1[11] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 };
	static const int w2[11] = { 3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2 };
	int sum = 0, i;
	char *s;

	for (i = 0; i < 11; i++)
		sum += (d11[i] - '0') * w1[i];
	if (sum % 11 == 10) {
		for (sum = 0, i = 0; i < 11; i++)
			sum += (d11[i] - '0') * w2[i];
		if (sum % 11 == 10)
			return NULL;
	}
	s = eco_sprintf(arena, "%s%d", d11, sum % 11);
	return s;
}

/* --- filing_check --------------------------------------------------- */

static struct filing
person(void)
{
	struct filing f;

	memset(&f, 0, sizeof(f));
	f.holder_id = 1;
	f.subject = "Выбросы ТЭЦ-2 в 2025 году";
	f.body = "Прошу предоставить данные мониторинга.\nСпасибо.";
	f.language = "ru";
	f.answer_form = "electronic";
	f.is_public = true;
	return f;
}

/* A registrar entering a paper request from a person. */
static struct filing
paper(void)
{
	struct filing f = person();

	f.on_behalf = true;
	f.channel = "paper";
	f.received_on = "2026-11-16";
	f.answer_form = "paper";
	f.postal_address = "050000, Алматы, ул. Абая, 1, кв. 2";
	f.requester.kind = "individual";
	f.requester.full_name = "Сәрсенбаева Айгерім";
	f.requester.iin = "900101300017";
	return f;
}

static struct filing
org_paper(void)
{
	struct filing f = paper();

	f.requester.kind = "organisation";
	f.requester.full_name = "Петрова Елена";
	f.requester.iin = NULL;
	f.requester.bin = "020540003431";
	f.requester.org_name = "ОО «Таза өлке»";
	return f;
}

/* The code of the only problem, "" if none, "many: a b" if several. */
static const char *
only(struct filing f)
{
	struct eco_field_error e[FILING_MAX_ERRORS];
	long received;
	size_t n = filing_check(&f, today, &received, e);

	if (n == 0)
		return "";
	if (n == 1)
		return e[0].code;
	return eco_sprintf(arena, "many: %s %s", e[0].code, e[1].code);
}

static void
test_filing_fields(void)
{
	struct filing f;
	struct eco_field_error e[FILING_MAX_ERRORS];
	long received = 0;

	f = person();
	is_int(filing_check(&f, today, &received, e), 0, "a valid filing");
	is_int(received, today, "  received today");
	f.language = "kk";
	is_str(only(f), "", "Kazakh is an answer language");

	f = person(); f.holder_id = 0;
	is_str(only(f), "invalid_holder", "holder missing");
	f = person(); f.holder_id = -1;
	is_str(only(f), "invalid_holder", "holder not an id");

	f = person(); f.subject = NULL;
	is_str(only(f), "invalid_subject", "subject missing");
	f = person(); f.subject = "";
	is_str(only(f), "invalid_subject", "subject empty");
	f = person(); f.subject = " \t ";
	is_str(only(f), "invalid_subject", "subject blank");
	f = person(); f.subject = "Выбросы\nТЭЦ";
	is_str(only(f), "invalid_subject", "subject of two lines");
	f = person(); f.subject = "Выбросы\r";
	is_str(only(f), "invalid_subject", "subject with a carriage return");
	f = person(); f.subject = "bad \xff byte";
	is_str(only(f), "invalid_subject", "subject not UTF-8");
	f = person(); f.subject = rep("ө", 300);
	is_str(only(f), "", "300 Kazakh letters (600 bytes) are a subject");
	f = person(); f.subject = rep("ж", 301);
	is_str(only(f), "invalid_subject", "301 Cyrillic letters are too many");
	f = person(); f.subject = rep("a", 300);
	is_str(only(f), "", "300 ASCII letters are a subject");
	f = person(); f.subject = rep("a", 301);
	is_str(only(f), "invalid_subject", "301 ASCII letters are too many");

	f = person(); f.body = NULL;
	is_str(only(f), "invalid_body", "body missing");
	f = person(); f.body = "\n \n";
	is_str(only(f), "invalid_body", "body blank");
	f = person(); f.body = rep("ы", 20000);
	is_str(only(f), "", "a body of 20,000 Cyrillic letters");
	f = person(); f.body = rep("ы", 20001);
	is_str(only(f), "invalid_body", "a body of 20,001 letters");
	f = person(); f.body = "half \xd0";
	is_str(only(f), "invalid_body", "a body cut inside a character");

	f = person(); f.language = "en";
	is_str(only(f), "invalid_language", "English is no answer language");
	f = person(); f.language = NULL;
	is_str(only(f), "invalid_language", "language missing");
	f = person(); f.language = "KK";
	is_str(only(f), "invalid_language", "language codes are lower case");

	f = person(); f.answer_form = "fax";
	is_str(only(f), "invalid_answer_form", "answer by fax");
	f = person(); f.answer_form = NULL;
	is_str(only(f), "invalid_answer_form", "answer form missing");
}

static void
test_filing_address(void)
{
	struct filing f;

	f = person(); f.answer_form = "paper";
	is_str(only(f), "invalid_address", "paper without an address");
	f.postal_address = "  ";
	is_str(only(f), "invalid_address", "paper with a blank address");
	f.postal_address = "050000, Алматы,\nул. Абая, 1";
	is_str(only(f), "", "paper with an address of two lines");
	f.postal_address = rep("қ", 500);
	is_str(only(f), "", "an address of 500 letters");
	f.postal_address = rep("қ", 501);
	is_str(only(f), "invalid_address", "an address of 501 letters");

	f = person(); f.postal_address = "Астана, пр. Республики, 5";
	is_str(only(f), "", "an electronic answer may have an address");
	f.postal_address = "";
	is_str(only(f), "", "  or an empty one");
	f.postal_address = rep("қ", 501);
	is_str(only(f), "invalid_address",
	    "  but not an overlong one");
	f.postal_address = "bad \xc3\x28";
	is_str(only(f), "invalid_address", "  nor one that is not UTF-8");
}

static void
test_filing_fee(void)
{
	static const char *const codes[] = {
		"war_veterans", "equated_to_veterans", "disability_1_2",
		"disabled_children_families", "chronic_disease", "pensioners",
		"orphans", "returnees", "disaster_housing", "large_families",
		"duty_death_families", "single_parent"
	};
	struct filing f;
	char name[120];
	size_t i, j;
	bool distinct = true;

	is_int(nfee_exemptions, 12, "twelve fee exemption categories");
	for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		f = person();
		f.fee_exemption = codes[i];
		snprintf(name, sizeof(name), "fee exemption %s", codes[i]);
		is_str(only(f), "", name);
		ok(fee_exemption_label(codes[i]) != NULL &&
		    fee_exemption_label(codes[i])[0] != '\0',
		    "  has a label");
	}
	for (i = 0; i < nfee_exemptions; i++)
		for (j = i + 1; j < nfee_exemptions; j++)
			if (strcmp(fee_exemptions[i].code,
			    fee_exemptions[j].code) == 0 ||
			    strcmp(fee_exemptions[i].label,
			    fee_exemptions[j].label) == 0)
				distinct = false;
	ok(distinct, "codes and labels are distinct");

	f = person(); f.fee_exemption = "";
	is_str(only(f), "", "an empty exemption is none");
	f = person(); f.fee_exemption = "veterans";
	is_str(only(f), "invalid_fee_exemption", "an unknown exemption");
	f = person(); f.fee_exemption = "Pensioners";
	is_str(only(f), "invalid_fee_exemption", "codes are case-sensitive");
	f = person(); f.fee_exemption = "pensioners ";
	is_str(only(f), "invalid_fee_exemption", "  and exact");
	ok(fee_exemption_label(NULL) == NULL, "no label for NULL");
	ok(fee_exemption_label("x") == NULL, "no label for an unknown code");
}

static void
test_filing_questions(void)
{
	struct filing f;
	size_t i;

	f = person();
	for (i = 0; i < FILING_MAX_QUESTIONS; i++)
		f.questions[i] = "Какова концентрация PM2.5?";
	f.nquestions = FILING_MAX_QUESTIONS;
	is_str(only(f), "", "20 questions");
	f.too_many_questions = true;
	is_str(only(f), "too_many_questions", "21 questions: too many");
	f.bad_question_type = true;
	is_str(only(f), "too_many_questions",
	    "  reported once, before a question's type");

	f = person();
	f.questions[0] = "Бір";
	f.nquestions = 1;
	f.bad_question_type = true;
	is_str(only(f), "invalid_question", "a question that is not text");

	f = person();
	f.questions[0] = "Бір";
	f.questions[1] = rep("с", 2000);
	f.questions[2] = "Первый\nвторой абзац";
	f.nquestions = 3;
	is_str(only(f), "", "2,000 letters and two lines are a question");
	f.questions[1] = rep("с", 2001);
	is_str(only(f), "invalid_question", "a question of 2,001 letters");
	f.questions[1] = " ";
	is_str(only(f), "invalid_question", "a blank question");
	f.questions[1] = NULL;
	is_str(only(f), "invalid_question", "a missing question");
	f.questions[1] = "x";
	f.questions[0] = rep("с", 2001);
	f.questions[2] = rep("с", 2001);
	is_str(only(f), "invalid_question",
	    "several bad questions are one problem");
}

static void
test_filing_token(void)
{
	struct filing f;

	f = person(); f.client_token = NULL;
	is_str(only(f), "", "no client token");
	f.client_token = "abcdefghijklmnop";
	is_str(only(f), "", "a client token of 16 characters");
	f.client_token = "abcdefghijklmno";
	is_str(only(f), "invalid_client_token", "15 characters are too few");
	f.client_token = rep("Z", 64);
	is_str(only(f), "", "64 characters");
	f.client_token = rep("Z", 65);
	is_str(only(f), "invalid_client_token", "65 characters are too many");
	f.client_token = "AZaz09_-AZaz09_-";
	is_str(only(f), "", "letters, digits, _ and -");
	f.client_token = "";
	is_str(only(f), "invalid_client_token", "an empty token");
	f.client_token = "abcdefghijklmno=";
	is_str(only(f), "invalid_client_token", "base64 padding");
	f.client_token = "abcdefgh ijklmnop";
	is_str(only(f), "invalid_client_token", "a space");
	f.client_token = "abcdefgh.ijklmnop";
	is_str(only(f), "invalid_client_token", "a dot");
	f.client_token = "abcdefgh'ijklmnop";
	is_str(only(f), "invalid_client_token", "a quote");
	f.client_token = "ааааааааааааааааа";
	is_str(only(f), "invalid_client_token", "Cyrillic letters");
}

static void
test_filing_on_behalf(void)
{
	struct filing f;
	struct eco_field_error e[FILING_MAX_ERRORS];
	long received = 0;
	const char *iin;
	size_t i;
	bool none;

	f = paper();
	is_int(filing_check(&f, today, &received, e), 0,
	    "a registrar enters a paper request");
	is_int(received, D(2026, 11, 16), "  received on the given day");
	f.received_on = "2026-11-20";
	is_int(filing_check(&f, today, &received, e), 0,
	    "  received today");
	is_int(received, today, "  that is today");
	f.received_on = "2026-11-21";
	is_str(only(f), "future_date", "received tomorrow");
	f.received_on = "2027-01-01";
	is_str(only(f), "future_date", "received next year");
	f.received_on = "2026-02-30";
	is_str(only(f), "invalid_date", "30 February");
	f.received_on = "20.11.2026";
	is_str(only(f), "invalid_date", "a date not in ISO form");
	f.received_on = "";
	is_str(only(f), "invalid_date", "an empty date");
	f.received_on = NULL;
	is_str(only(f), "invalid_date", "no date");

	f = paper(); f.channel = "oral";
	is_str(only(f), "", "an oral request");
	f.channel = "email";
	is_str(only(f), "invalid_channel", "an unknown channel");
	f.channel = NULL;
	is_str(only(f), "invalid_channel", "no channel");

	f = person(); f.requester.iin = "1"; f.channel = "fax";
	is_str(only(f), "", "a requester's own filing ignores those fields");

	f = paper(); f.requester.kind = "admin";
	f.requester.iin = NULL;
	is_str(only(f), "invalid_requester_kind",
	    "an unknown kind of requester (nothing else checked)");
	f.requester.kind = NULL;
	is_str(only(f), "invalid_requester_kind", "no kind of requester");

	f = paper(); f.requester.iin = "900101300018";
	is_str(only(f), "invalid_iin", "an IIN with a wrong check digit");
	f.requester.iin = "90010130001";
	is_str(only(f), "invalid_iin", "an IIN of 11 digits");
	f.requester.iin = "9001013000170";
	is_str(only(f), "invalid_iin", "an IIN of 13 digits");
	f.requester.iin = "90010130001a";
	is_str(only(f), "invalid_iin", "an IIN with a letter");
	f.requester.iin = NULL;
	is_str(only(f), "invalid_iin", "an individual needs an IIN");
	iin = with_check("85071540012");
	ok(iin != NULL && eco_iin_valid(iin), "a computed IIN is valid");
	f.requester.iin = iin;
	is_str(only(f), "", "  and accepted");
	/* 12345678901: the first weighting gives 10, the second 0. */
	iin = with_check("12345678901");
	is_str(iin, "123456789013", "an IIN of the second weighting");
	f.requester.iin = iin;
	is_str(only(f), "", "  is accepted");
	/* 85071540003: both weightings give 10, no digit makes it valid. */
	ok(with_check("85071540003") == NULL, "an IIN that cannot be");
	for (i = 0, none = true; i < 10; i++) {
		f.requester.iin = eco_sprintf(arena, "85071540003%zu", i);
		if (strcmp(only(f), "invalid_iin") != 0)
			none = false;
	}
	ok(none, "  is refused with every last digit");
	f.requester.iin = "900101300017";
	f.requester.bin = "x";
	is_str(only(f), "", "an individual's BIN is not looked at");

	f = paper(); f.requester.full_name = NULL;
	is_str(only(f), "invalid_name", "no name");
	f.requester.full_name = "Иван\nИванов";
	is_str(only(f), "invalid_name", "a name of two lines");
	f.requester.full_name = rep("Ә", 301);
	is_str(only(f), "invalid_name", "a name of 301 letters");
	f.requester.full_name = rep("Ә", 300);
	is_str(only(f), "", "a name of 300 letters");

	f = org_paper();
	is_str(only(f), "", "an organisation with a BIN and its name");
	f.requester.bin = "020540003432";
	is_str(only(f), "invalid_bin", "a BIN with a wrong check digit");
	f.requester.bin = NULL;
	is_str(only(f), "invalid_bin", "an organisation needs a BIN");
	f = org_paper(); f.requester.org_name = NULL;
	is_str(only(f), "invalid_org_name", "an organisation needs its name");
	f.requester.org_name = "\t";
	is_str(only(f), "invalid_org_name", "  not a blank one");
	f.requester.org_name = rep("Ө", 301);
	is_str(only(f), "invalid_org_name", "  of up to 300 letters");
	f = org_paper(); f.requester.bin = with_check("02054000343");
	is_str(only(f), "", "a computed BIN");
	f.requester.iin = "1";
	is_str(only(f), "", "an organisation's IIN is not looked at");

	f = paper(); f.requester.email = "aigerim@example.kz";
	is_str(only(f), "", "an e-mail");
	f.requester.email = "";
	is_str(only(f), "", "an empty e-mail is none");
	f.requester.email = "aigerim@";
	is_str(only(f), "invalid_email", "a bad e-mail");
	f.requester.email = "айгерім@пример.kz";
	is_str(only(f), "invalid_email", "a non-ASCII e-mail");
	f = paper(); f.requester.phone = "+7 701 123 45 67";
	is_str(only(f), "", "a phone");
	f.requester.phone = "";
	is_str(only(f), "", "an empty phone is none");
	f.requester.phone = rep("7", 40);
	is_str(only(f), "", "a phone of 40 characters");
	f.requester.phone = rep("7", 41);
	is_str(only(f), "invalid_phone", "a phone of 41 characters");
	f.requester.phone = "+7\n701";
	is_str(only(f), "invalid_phone", "a phone of two lines");
}

static void
test_filing_many(void)
{
	struct filing f;
	struct eco_field_error e[FILING_MAX_ERRORS];
	long received;
	size_t n, i;
	bool messages = true;

	memset(&f, 0, sizeof(f));
	f.on_behalf = true;
	f.answer_form = "paper";
	f.client_token = "x";
	f.too_many_questions = true;
	f.fee_exemption = "none";
	f.requester.kind = "organisation";
	n = filing_check(&f, today, &received, e);
	is_int(n, 13, "an empty paper filing: every problem reported");
	is_str(e[0].field, "holder_id", "  the holder first");
	is_str(e[0].code, "invalid_holder", "  with its code");
	is_str(e[1].field, "subject", "  then the subject");
	is_str(e[4].field, "postal_address", "  the address");
	is_str(e[n - 1].code, "invalid_org_name", "  the organisation's name last");
	for (i = 0; i < n; i++)
		if (e[i].message == NULL || e[i].message[0] == '\0' ||
		    e[i].field == NULL || e[i].code == NULL)
			messages = false;
	ok(messages, "  each with a field, a code and a message");
}

/* --- search_tsquery --------------------------------------------------- */

/*
 * Whether a tsquery is n prefix terms joined by " & ", each term only
 * letters and digits: no operator of the tsquery syntax came from the
 * words.
 */
static bool
terms_only(const char *q, int n)
{
	const char *p = q, *end;
	int terms = 0;

	if (q == NULL)
		return false;
	for (;;) {
		end = strstr(p, ":*");
		if (end == NULL || end == p)
			return false;
		for (; p < end; p++)
			if (!((unsigned char)*p >= 0x80 ||
			    (*p >= '0' && *p <= '9') ||
			    (*p >= 'a' && *p <= 'z') ||
			    (*p >= 'A' && *p <= 'Z')))
				return false;
		terms++;
		p = end + 2;
		if (*p == '\0')
			return terms == n;
		if (strncmp(p, " & ", 3) != 0)
			return false;
		p += 3;
	}
}

static void
test_search(void)
{
	const char *q;

	ok(search_tsquery(arena, NULL) == NULL, "no words: NULL input");
	ok(search_tsquery(arena, "") == NULL, "no words: empty");
	ok(search_tsquery(arena, " \t ") == NULL, "no words: blank");
	ok(search_tsquery(arena, "&|!():*'\"\\<->") == NULL,
	    "no words: only operators");

	is_str(search_tsquery(arena, "зауыт"), "зауыт:*",
	    "a Kazakh word is a prefix");
	is_str(search_tsquery(arena, "выброс"), "выброс:*",
	    "a Russian word is a prefix");
	is_str(search_tsquery(arena, "Қалдық ұлттық өңдеу"),
	    "Қалдық:* & ұлттық:* & өңдеу:*",
	    "Kazakh letters; words joined by &");
	is_str(search_tsquery(arena, "  зауыт,\tполигон.  "),
	    "зауыт:* & полигон:*", "spaces and punctuation separate");
	is_str(search_tsquery(arena, "PM2.5 CO2"), "PM2:* & 5:* & CO2:*",
	    "digits are word characters");
	is_str(search_tsquery(arena, "a&b|c!d(e)f:g*h"),
	    "a:* & b:* & c:* & d:* & e:* & f:* & g:* & h:*",
	    "operators between letters separate words");
	is_str(search_tsquery(arena, "'зауыт' \"полигон\" \\x"),
	    "зауыт:* & полигон:* & x:*", "quotes and backslashes go");
	is_str(search_tsquery(arena, "foo <-> bar"), "foo:* & bar:*",
	    "the phrase operator goes");
	is_str(search_tsquery(arena, "!зауыт"), "зауыт:*",
	    "a negation goes");

	q = search_tsquery(arena,
	    "a'b\"c\\d:e*f&g|h!i(j)k<l>m-n;o");
	ok(terms_only(q, 8), "a hostile line: eight plain prefix terms");
	q = search_tsquery(arena, "'); DROP TABLE x; --");
	ok(terms_only(q, 3), "an injection attempt: three plain terms");
	ok(q != NULL && strcmp(q, "DROP:* & TABLE:* & x:*") == 0,
	    "  DROP, TABLE, x");
	q = search_tsquery(arena, "\\'\\' :* :* && || !! (( ))");
	ok(q == NULL, "nothing but operators and escapes: NULL");

	/*
	 * search.h: "only letters and digits survive".  A space beyond ASCII
	 * left inside a term makes PostgreSQL's tsquery parser see two
	 * operands with no operator between them: a syntax error, HTTP 503.
	 */
	is_str(search_tsquery(arena, "зауыт\xe2\x80\x83полигон"),
	    "зауыт:* & полигон:*", "an em space (U+2003) separates words");
	is_str(search_tsquery(arena, "зауыт\xe3\x80\x80полигон"),
	    "зауыт:* & полигон:*",
	    "an ideographic space (U+3000) separates words");
	is_str(search_tsquery(arena, "зауыт\xc2\xa0полигон"),
	    "зауыт:* & полигон:*", "a no-break space (U+00A0) separates words");
	is_str(search_tsquery(arena, "«зауыт» — полигон…"),
	    "зауыт:* & полигон:*",
	    "guillemets, a dash and an ellipsis are no letters");

	is_str(search_tsquery(arena, "1 2 3 4 5 6 7 8 9 10"),
	    "1:* & 2:* & 3:* & 4:* & 5:* & 6:* & 7:* & 8:*",
	    "at most eight words");
	ok(terms_only(search_tsquery(arena,
	    rep("су ", 50)), 8), "fifty words: eight terms");
	ok(terms_only(search_tsquery(arena, rep("ж", 200)), 1),
	    "one long word");
}

/* --- act_parse_type, act_check, act_forbidden ---------------------------- */

static struct request_action
action(const char *type)
{
	struct request_action a;

	memset(&a, 0, sizeof(a));
	a.fee_pages = -1;
	if (act_parse_type(type, &a) != 0)
		abort();
	return a;
}

static void
test_parse_type(void)
{
	static const char *const events[] = {
		"assign", "classify", "extend", "redirect", "answer",
		"refuse", "not_consider", "withdraw"
	};
	struct request_action a;
	char name[80];
	size_t i;

	for (i = 0; i < sizeof(events) / sizeof(events[0]); i++) {
		memset(&a, 0, sizeof(a));
		a.kind = ACT_NOTIFY;
		snprintf(name, sizeof(name), "type %s", events[i]);
		is_int(act_parse_type(events[i], &a), 0, name);
		ok(a.kind == ACT_EVENT && (size_t)a.ev.kind == i,
		    "  a workflow event of that kind");
	}
	is_int(act_parse_type("draft", &a), 0, "type draft");
	ok(a.kind == ACT_DRAFT, "  the executor's draft");
	is_int(act_parse_type("notify", &a), 0, "type notify");
	ok(a.kind == ACT_NOTIFY, "  the notice on paper");
	is_int(act_parse_type(NULL, &a), -1, "no type");
	is_int(act_parse_type("", &a), -1, "an empty type");
	is_int(act_parse_type("sign", &a), -1, "an unknown type");
	is_int(act_parse_type("Answer", &a), -1, "types are lower case");
	is_int(act_parse_type("answer ", &a), -1, "  and exact");
}

/* Whether act_check says no, with a message that contains word. */
static bool
refused(const struct request_action *a, const char *word)
{
	const char *m = act_check(a);

	return m != NULL && strstr(m, word) != NULL;
}

static void
test_check_justification(void)
{
	/* A refusal's reasons may come from the executor's draft, so
	 * request_act checks them after taking the draft. */
	static const char *const needs[] = {
		"extend", "redirect", "not_consider"
	};
	static const char *const free_[] = {
		"assign", "classify", "answer", "refuse", "withdraw", "notify",
		"draft"
	};
	struct request_action a;
	char name[80];
	size_t i;

	for (i = 0; i < sizeof(needs) / sizeof(needs[0]); i++) {
		a = action(needs[i]);
		snprintf(name, sizeof(name), "%s needs a justification",
		    needs[i]);
		ok(refused(&a, "reasons"), name);
		a.justification = " \n ";
		ok(refused(&a, "reasons"), "  not a blank one");
		a.justification = rep("ә", ACT_JUSTIFICATION_MAX);
		ok(act_check(&a) == NULL, "  5,000 letters are fine");
		a.justification = rep("ә", ACT_JUSTIFICATION_MAX + 1);
		ok(refused(&a, "reasons"), "  5,001 are too many");
		a.justification = "Бірінші.\nЕкінші.";
		ok(act_check(&a) == NULL, "  two lines are fine");
		a.justification = "bad \xff";
		ok(refused(&a, "reasons"), "  not UTF-8");
	}
	for (i = 0; i < sizeof(free_) / sizeof(free_[0]); i++) {
		a = action(free_[i]);
		if (a.kind == ACT_NOTIFY)
			a.notified_on = "2026-11-20";
		snprintf(name, sizeof(name), "%s needs no justification",
		    free_[i]);
		ok(act_check(&a) == NULL, name);
		a.justification = "";
		ok(act_check(&a) == NULL, "  an empty one is none");
		a.justification = rep("ә", ACT_JUSTIFICATION_MAX + 1);
		ok(refused(&a, "reasons"), "  an overlong one is refused");
	}

	a = action("draft");
	a.draft_refusal = true;
	ok(refused(&a, "reasons"), "a draft refusal needs a justification");
	a.justification = "Сведения отнесены к служебной информации.";
	ok(refused(&a, "ground"), "  and a ground");
	for (i = REQ_GROUND_UNIDENTIFIABLE;
	    i <= REQ_GROUND_FOREIGN_AGREEMENT_PENDING; i++) {
		a.ev.ground = (enum request_ground)i;
		snprintf(name, sizeof(name), "  ground %s",
		    request_ground_code(a.ev.ground));
		ok(act_check(&a) == NULL, name);
	}
	a.ev.ground = (enum request_ground)(REQ_GROUND_FOREIGN_AGREEMENT_PENDING + 1);
	ok(refused(&a, "ground"), "  not a ground beyond the list");
	a.ev.ground = (enum request_ground)-1;
	ok(refused(&a, "ground"), "  nor a negative one");
	a = action("draft");
	a.text = "Ответ.";
	ok(act_check(&a) == NULL, "a draft answer needs no ground");
}

static void
test_check_text(void)
{
	struct request_action a;

	a = action("answer");
	a.text = rep("ш", ACT_TEXT_MAX);
	ok(act_check(&a) == NULL, "an answer of 50,000 letters");
	a.text = rep("ш", ACT_TEXT_MAX + 1);
	ok(refused(&a, "50,000"), "an answer of 50,001 letters");
	a.text = "Жауап.\n\nҚосымша.";
	ok(act_check(&a) == NULL, "an answer of several lines");
	a.text = "bad \xe2\x82";
	ok(refused(&a, "50,000"), "an answer cut inside a character");
	a.text = "";
	ok(act_check(&a) == NULL, "an empty text (the draft's is signed)");
	a.text = NULL;
	ok(act_check(&a) == NULL, "no text");
}

static void
test_check_items(void)
{
	struct request_action a;

	a = action("answer");
	a.items[0].n = 1;
	a.items[0].answered = true;
	a.items[0].answer = "Бар.";
	a.items[1].n = FILING_MAX_QUESTIONS;
	a.nitems = 2;
	ok(act_check(&a) == NULL, "questions 1 and 20");
	a.items[1].n = 0;
	ok(refused(&a, "question number"), "question 0");
	a.items[1].n = FILING_MAX_QUESTIONS + 1;
	ok(refused(&a, "question number"), "question 21");
	a.items[1].n = -3;
	ok(refused(&a, "question number"), "question -3");
	a.items[1].n = 2;
	a.items[1].answer = rep("ю", ACT_ITEM_MAX);
	ok(act_check(&a) == NULL, "an item's answer of 20,000 letters");
	a.items[1].answer = rep("ю", ACT_ITEM_MAX + 1);
	ok(refused(&a, "20,000"), "an item's answer of 20,001 letters");
	a.items[1].answer = "";
	ok(act_check(&a) == NULL, "an empty item's answer");
	a.too_many_items = true;
	ok(refused(&a, "at most 20"), "more than 20 items");
}

static void
test_check_fee(void)
{
	static const char *const good[] = {
		"12", "12.5", "12.50", "0", "0.01", "123456789", "123456789.99"
	};
	static const char *const bad[] = {
		"12.505", "-1", "1e3", "", ".5", "12.", "1234567890", " 12",
		"12 ", "12,50", "+12", "0x10", "12.5.0", "１２"
	};
	struct request_action a;
	char name[80];
	size_t i;

	a = action("answer");
	a.fee_pages = 10;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		a.fee_tariff = good[i];
		snprintf(name, sizeof(name), "tariff \"%s\"", good[i]);
		ok(act_check(&a) == NULL, name);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		a.fee_tariff = bad[i];
		snprintf(name, sizeof(name), "not a tariff: \"%s\"", bad[i]);
		ok(refused(&a, "tariff"), name);
	}

	a = action("answer");
	a.fee_tariff = "25";
	a.fee_pages = 0;
	ok(act_check(&a) == NULL, "0 pages");
	a.fee_pages = 100000;
	ok(act_check(&a) == NULL, "100,000 pages");
	a.fee_pages = 100001;
	ok(refused(&a, "pages"), "100,001 pages");
	a.fee_pages = -2;
	ok(refused(&a, "pages"), "a tariff without pages");
	a.fee_pages = -1;
	ok(refused(&a, "both"), "a tariff and no fee");
	a.fee_pages = 7;
	a.fee_tariff = NULL;
	ok(refused(&a, "both"), "pages without a tariff");
	a.fee_pages = -1;
	ok(act_check(&a) == NULL, "no fee at all");

	a = action("draft");
	a.fee_pages = 3;
	a.fee_tariff = "1e3";
	ok(refused(&a, "tariff"), "a draft's tariff is checked too");
}

static void
test_check_notify(void)
{
	struct request_action a;

	a = action("notify");
	ok(refused(&a, "YYYY-MM-DD"), "a notice needs its date");
	a.notified_on = "2026-11-19";
	ok(act_check(&a) == NULL, "a notice sent on 19 November");
	a.notified_on = "2026-11-31";
	ok(refused(&a, "YYYY-MM-DD"), "31 November");
	a.notified_on = "19.11.2026";
	ok(refused(&a, "YYYY-MM-DD"), "a date not in ISO form");
	a.notified_on = "";
	ok(refused(&a, "YYYY-MM-DD"), "an empty date");
}

/*
 * Who may take each step: one letter a position (registrar, executor,
 * head), 'Y' allowed, 'N' forbidden.
 */
static const struct {
	const char	*type;
	int		 reason;	/* extend */
	const char	*allowed;
} steps[] = {
	{ "assign", 0, "NNY" },
	{ "classify", 0, "YYY" },
	{ "extend", REQ_EXTEND_INSPECTION, "YYY" },
	{ "extend", REQ_EXTEND_HOLDERS, "NNY" },
	{ "redirect", 0, "YYY" },
	{ "answer", 0, "NNY" },
	{ "refuse", 0, "NNY" },
	{ "not_consider", 0, "NNY" },
	{ "withdraw", 0, "NNN" },
	{ "draft", 0, "NYY" },
	{ "notify", 0, "YYY" },
};

static void
test_forbidden(void)
{
	static const char *const positions[] = { "registrar", "executor", "head" };
	struct request_action a;
	const char *why;
	char name[120];
	size_t i, p;

	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		a = action(steps[i].type);
		a.ev.reason = (enum request_extend_reason)steps[i].reason;
		for (p = 0; p < 3; p++) {
			why = act_forbidden(&a, positions[p]);
			snprintf(name, sizeof(name), "%s%s by the %s: %s",
			    steps[i].type, steps[i].reason ==
			    REQ_EXTEND_HOLDERS ? " (multiple holders)" :
			    steps[i].reason ? " (inspection)" : "",
			    positions[p], steps[i].allowed[p] == 'Y' ?
			    "allowed" : "forbidden");
			if (steps[i].allowed[p] == 'Y')
				ok(why == NULL, name);
			else
				ok(why != NULL && why[0] != '\0', name);
		}
	}

	a = action("answer");
	ok(act_forbidden(&a, NULL) != NULL, "no position signs nothing");
	ok(act_forbidden(&a, "Head") != NULL, "positions are exact");
	a = action("draft");
	ok(act_forbidden(&a, "admin") != NULL, "an admin drafts nothing");
	a = action("withdraw");
	why = act_forbidden(&a, "head");
	ok(why != NULL && strstr(why, "requester") != NULL,
	    "withdrawal is the requester's: the message says so");
	a = action("extend");
	a.ev.reason = REQ_EXTEND_HOLDERS;
	why = act_forbidden(&a, "executor");
	ok(why != NULL && strstr(why, "head") != NULL,
	    "an executor's extension for several holders: the head's");
}

/* --- search_sql: one statement per combination of filters ---------------- */

/* Bits of search_sql's mask, in struct search_query's order. */
enum { M_HOLDER = 1, M_REGION = 2, M_STATUS = 4, M_OVERDUE = 8, M_WORDS = 16,
	M_FROM = 32, M_TO = 64 };

static void
test_search_sql(void)
{
	char buf[2048], tiny[40];
	unsigned mask;
	size_t n;
	int bad = 0, dollars;
	const char *p;

	n = search_sql(buf, sizeof(buf), SEARCH_SQL_PAGE, 0);
	ok(n == strlen(buf) && strstr(buf, "WHERE r.public ORDER BY") != NULL,
	    "no filter: only public requests, newest first");
	ok(strstr(buf, "LIMIT $1 OFFSET $2") != NULL,
	    "no filter: the page's limit and offset are $1 and $2");

	search_sql(buf, sizeof(buf), SEARCH_SQL_PAGE, M_REGION | M_STATUS);
	ok(strstr(buf, "AND r.region = $1::text AND r.status = $2::text "
	    "ORDER BY") != NULL,
	    "region and status: numbered in the order of the filters");
	ok(strstr(buf, "LIMIT $3 OFFSET $4") != NULL,
	    "region and status: limit and offset after them");
	ok(strstr(buf, "holder_id =") == NULL && strstr(buf, "tsquery") == NULL,
	    "region and status: no other filter in the statement");

	search_sql(buf, sizeof(buf), SEARCH_SQL_PAGE, M_HOLDER | M_WORDS | M_TO);
	ok(strstr(buf, "r.holder_id = $1::bigint AND r.search @@ "
	    "to_tsquery('simple', $2::text) AND r.received_on <= $3::date") !=
	    NULL, "holder, words, until: $1, $2, $3");

	search_sql(buf, sizeof(buf), SEARCH_SQL_COUNT, M_OVERDUE);
	ok(strstr(buf, "r.due_on < $1::date") != NULL &&
	    strstr(buf, "LIMIT 1001) s") != NULL,
	    "a count stops after SEARCH_COUNT_CAP + 1 rows");

	n = search_sql(buf, sizeof(buf), SEARCH_SQL_SUMMED, M_HOLDER | M_STATUS);
	ok(n > 0 && strstr(buf, "requests.public_counts") != NULL &&
	    strstr(buf, "r.holder_id = $1::bigint AND r.status = $2::text") !=
	    NULL, "holder and status are added up from public_counts");
	ok(search_sql(buf, sizeof(buf), SEARCH_SQL_SUMMED, M_STATUS | M_WORDS) ==
	    0, "words cannot be added up from public_counts");
	ok(search_sql(buf, sizeof(buf), SEARCH_SQL_SUMMED, M_FROM) == 0,
	    "dates cannot be added up from public_counts");

	ok(search_sql(buf, sizeof(buf), SEARCH_SQL_PAGE, 128) == 0,
	    "a mask beyond the seven filters is refused");
	ok(search_sql(buf, sizeof(buf), SEARCH_NKINDS, 0) == 0,
	    "an unknown kind is refused");
	ok(search_sql(tiny, sizeof(tiny), SEARCH_SQL_PAGE, 127) == 0,
	    "a statement that does not fit is refused, not cut");
	ok(search_sql(buf, 0, SEARCH_SQL_PAGE, 0) == 0, "no room at all");

	/* Every combination: parameters numbered 1..n without a gap. */
	for (mask = 0; mask < 128; mask++) {
		int want = 2, max = 0, v, bit;

		for (bit = 0; bit < 7; bit++)
			want += (mask >> bit) & 1;

		if (search_sql(buf, sizeof(buf), SEARCH_SQL_PAGE, mask) == 0) {
			bad++;
			continue;
		}
		dollars = 0;
		for (p = buf; (p = strchr(p, '$')) != NULL; p++) {
			v = atoi(p + 1);
			dollars++;
			if (v > max)
				max = v;
		}
		if (dollars != want || max != want)
			bad++;
	}
	is_int(bad, 0, "all 128 combinations: $1..$n, each once");
}

int
main(void)
{
	arena = eco_arena_new();
	today = D(2026, 11, 20);

	test_filing_fields();
	test_filing_address();
	test_filing_fee();
	test_filing_questions();
	test_filing_token();
	test_filing_on_behalf();
	test_filing_many();
	test_search();
	test_search_sql();
	test_parse_type();
	test_check_justification();
	test_check_text();
	test_check_items();
	test_check_fee();
	test_check_notify();
	test_forbidden();

	eco_arena_free(arena);
	return tap_done();
}
