/*
 * ecoctl courts generate N (courts_gen.h): made-up court cases for the
 * benchmark, written by PostgreSQL itself from generate_series in one
 * transaction.  Every text is picked from the word lists below by the
 * case's number, so a run is the same every time and the words are real
 * Kazakh and Russian ones that searches find in all their forms.  The
 * picks are mixed so that every combination of object, category and
 * region occurs (the benchmark searches a word with two filters).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "courts_gen.h"

/*
 * The lists, as one row (v) every statement reads: objects and issues of
 * environmental disputes in both languages, places, and the codes.  $1 is
 * N; g counts the new cases from 1, and gen.base + g numbers their keys.
 */
#define LISTS \
    "v AS (SELECT " \
    "ARRAY['Зауыт', 'Қалдықтар полигоны', 'Өзен арнасы', 'Көл жағасы', " \
    "'Карьер', 'Жылу электр орталығы', 'Мұнай кен орны', " \
    "'Тау-кен байыту комбинаты', 'Қалалық саябақ', 'Орман алқабы', " \
    "'Көмір шахтасы', 'Цемент зауыты'] AS ok, " \
    "ARRAY['Завод', 'Полигон отходов', 'Русло реки', 'Берег озера', " \
    "'Карьер', 'Теплоэлектроцентраль', 'Нефтяное месторождение', " \
    "'Горно-обогатительный комбинат', 'Городской парк', 'Лесной массив', " \
    "'Угольная шахта', 'Цементный завод'] AS orr, " \
    "ARRAY['экологиялық ақпаратты ұсынбау', 'эмиссияға рұқсат беру', " \
    "'қоршаған ортаға әсерді бағалау', 'қалдықтарды көму', " \
    "'ағаштарды кесу', 'қоршаған ортаға келтірілген зиянды өтеу', " \
    "'қоғамдық тыңдаулар өткізбеу', 'сараптама қорытындысының күшін жою'] " \
    "AS ik, " \
    "ARRAY['непредоставление экологической информации', " \
    "'выдача разрешения на эмиссии', 'оценка воздействия на окружающую " \
    "среду', 'захоронение отходов', 'вырубка деревьев', 'возмещение вреда " \
    "окружающей среде', 'непроведение общественных слушаний', " \
    "'отмена заключения экспертизы'] AS ir, " \
    "ARRAY['Алматы', 'Астана', 'Шымкент', 'Павлодар', 'Қарағанды', " \
    "'Өскемен', 'Атырау', 'Ақтөбе', 'Теміртау', 'Екібастұз', 'Қостанай', " \
    "'Тараз', 'Жезқазған', 'Балқаш', 'Риддер', 'Ақсу'] AS pl, " \
    "ARRAY['access_to_information', 'eia_expertise', 'permits', " \
    "'damages', 'protected_areas', 'waste', 'land_use', 'other'] AS cat, " \
    "ARRAY['abai', 'akmola', 'aktobe', 'almaty_region', 'almaty_city', " \
    "'astana', 'atyrau', 'east_kazakhstan', 'jambyl', 'jetisu', " \
    "'west_kazakhstan', 'karaganda', 'kostanay', 'kyzylorda', " \
    "'mangystau', 'pavlodar', 'north_kazakhstan', 'turkistan', 'ulytau', " \
    "'shymkent'] AS reg, " \
    "ARRAY['closed', 'closed', 'enforcement', 'pending', 'unknown'] AS st, " \
    "ARRAY['granted', 'partially_granted', 'refused', 'terminated', " \
    "'left_without_consideration', 'granted'] AS outc)"

/* The i-th element of list (1-based, wrapping). */
#define PICK(list, i)	"v." list "[1 + ((" i ") % cardinality(v." list "))]"

static const char *const statements[] = {
	/* The cases: numbered after the generated ones already there. */
	"WITH " LISTS ", gen AS (SELECT count(*) AS base FROM courts.cases "
	"WHERE generated) "
	"INSERT INTO courts.cases (key, title_kk, title_ru, summary_kk, "
	"summary_ru, region, court_kk, court_ru, case_type, category, "
	"aarhus_applied, indefinite_circle, state_fee_exempt, status, "
	"generated) "
	"SELECT 'gen-' || (gen.base + g), "
	PICK("ok", "g") " || ': ' || " PICK("ik", "g / 12") " || ' (' || "
	PICK("pl", "g / 96") " || ')', "
	PICK("orr", "g") " || ': ' || " PICK("ir", "g / 12") " || ' (' || "
	PICK("pl", "g / 96") " || ')', "
	"'Қоғамдық бірлестік ' || " PICK("pl", "g / 96") " || ' маңындағы "
	"нысанға қатысты ' || " PICK("ik", "g / 12") " || ' мәселесі бойынша "
	"сотқа жүгінді. Жасалған іс № ' || (gen.base + g) || '.', "
	"'Общественное объединение обратилось в суд по вопросу: ' || "
	PICK("ir", "g / 12") " || ' на объекте у населённого пункта ' || "
	PICK("pl", "g / 96") " || '. Сгенерированное дело № ' || "
	"(gen.base + g) || '.', "
	PICK("reg", "g * 53 + g / 17") ", "
	"'Мамандандырылған ауданаралық экономикалық сот', "
	"'Специализированный межрайонный экономический суд', 'civil', "
	PICK("cat", "g * 37 + g / 13") ", "
	"CASE g % 5 WHEN 0 THEN true WHEN 1 THEN false END, "
	"CASE g % 4 WHEN 0 THEN true WHEN 1 THEN false END, "
	"g % 3 = 0, " PICK("st", "g / 11") ", true "
	"FROM v, gen, generate_series(1, $1::int) AS g",

	/* Parties: a claimant, a state body, sometimes a company. */
	"WITH fresh AS (SELECT id, id AS g FROM courts.cases "
	"WHERE generated AND id > $2::bigint) "
	"INSERT INTO courts.parties (case_id, seq, role, kind, name_kk, "
	"name_ru) "
	"SELECT fresh.id, k, (ARRAY['claimant', 'defendant', "
	"'third_party'])[k + 1], "
	"CASE k WHEN 0 THEN (ARRAY['ngo', 'ngo', 'citizen', "
	"'company'])[1 + fresh.g % 4] WHEN 1 THEN 'state_body' "
	"ELSE 'company' END, "
	"CASE k WHEN 0 THEN '«Таза ауа» ҚБ' WHEN 1 THEN 'Экология "
	"департаменті' ELSE '«Өндіріс» ЖШС' END, "
	"CASE k WHEN 0 THEN 'ОО «Чистый воздух»' WHEN 1 THEN 'Департамент "
	"экологии' ELSE 'ТОО «Производство»' END "
	"FROM fresh, generate_series(0, 1 + (fresh.g % 2)::int) AS k "
	"WHERE $1::int > 0",

	/* Claims: one or two, each with its outcome. */
	"WITH " LISTS ", fresh AS (SELECT id, id AS g FROM courts.cases "
	"WHERE generated AND id > $2::bigint) "
	"INSERT INTO courts.claims (case_id, seq, text_kk, text_ru, outcome) "
	"SELECT fresh.id, k, 'Жауапкердің әрекетін заңсыз деп тану', "
	"'Признать действия ответчика незаконными', "
	PICK("outc", "fresh.g / 5 + k") " "
	"FROM v, fresh, generate_series(0, (fresh.g % 2)::int) AS k "
	"WHERE $1::int > 0",

	/*
	 * Events: the claim, the first instance's decision, and for some an
	 * appeal and a cassation, months apart from a day in 2015-2025; one
	 * in seven known to the month only.
	 */
	"WITH fresh AS (SELECT id, id AS g, "
	"make_date(2015 + (id % 11)::int, 1 + (id % 12)::int, "
	"1 + (id % 28)::int) AS d FROM courts.cases "
	"WHERE generated AND id > $2::bigint), "
	"ev AS (SELECT fresh.id, k, fresh.g, (fresh.d + make_interval("
	"months => k * 4))::date AS day FROM fresh, "
	"generate_series(0, 1 + (fresh.g % 3)::int) AS k) "
	"INSERT INTO courts.events (case_id, seq, day_on, precision, sort_on, "
	"instance, type, result, text_kk, text_ru) "
	"SELECT id, k, "
	"CASE WHEN g % 7 = 0 THEN date_trunc('month', day)::date ELSE day END, "
	"CASE WHEN g % 7 = 0 THEN 'month' ELSE 'day' END, "
	"CASE WHEN g % 7 = 0 THEN date_trunc('month', day)::date ELSE day END, "
	"(ARRAY['first', 'first', 'appeal', 'cassation'])[k + 1], "
	"(ARRAY['claim_filed', 'decision', 'resolution', 'resolution'])[k + 1], "
	"CASE k WHEN 0 THEN NULL WHEN 1 THEN (ARRAY['granted', 'refused', "
	"'partially_granted'])[1 + g % 3] ELSE (ARRAY['upheld', 'annulled', "
	"'remanded'])[1 + g % 3] END, "
	"(ARRAY['Талап-арыз берілді.', 'Бірінші сатыдағы сот шешім шығарды.', "
	"'Апелляциялық сатының қаулысы.', 'Кассациялық сатының қаулысы.'])"
	"[k + 1], "
	"(ARRAY['Подано исковое заявление.', 'Суд первой инстанции вынес "
	"решение.', 'Постановление апелляционной инстанции.', "
	"'Постановление кассационной инстанции.'])[k + 1] "
	"FROM ev WHERE $1::int > 0",

	/* What the search reads, made as the store makes it (titles apart). */
	"UPDATE courts.cases c SET "
	"search_kk = concat_ws(' ', c.summary_kk, c.court_kk, "
	"(SELECT string_agg(p.name_kk, ' ') FROM courts.parties p "
	"WHERE p.case_id = c.id), "
	"(SELECT string_agg(x.text_kk, ' ') FROM courts.claims x "
	"WHERE x.case_id = c.id), "
	"(SELECT string_agg(e.text_kk, ' ') FROM courts.events e "
	"WHERE e.case_id = c.id)), "
	"search_ru = concat_ws(' ', c.summary_ru, c.court_ru, "
	"(SELECT string_agg(p.name_ru, ' ') FROM courts.parties p "
	"WHERE p.case_id = c.id), "
	"(SELECT string_agg(x.text_ru, ' ') FROM courts.claims x "
	"WHERE x.case_id = c.id), "
	"(SELECT string_agg(e.text_ru, ' ') FROM courts.events e "
	"WHERE e.case_id = c.id)) "
	"WHERE c.generated AND c.id > $2::bigint AND $1::int > 0",

	/* The words, for correcting misspellings: the lists repeat, so the
	 * first thousand new cases hold them all. */
	"INSERT INTO courts.words (word) "
	"SELECT DISTINCT w FROM (SELECT c.id FROM courts.cases c "
	"WHERE c.generated AND c.id > $2::bigint AND $1::int > 0 "
	"ORDER BY c.id LIMIT 1000) n "
	"JOIN courts.cases c ON c.id = n.id, "
	"unnest(tsvector_to_array(to_tsvector('simple', c.title_kk || ' ' || "
	"c.title_ru || ' ' || c.search_kk || ' ' || c.search_ru))) AS w "
	"WHERE length(w) BETWEEN 3 AND 100 AND w !~ '^[0-9]' "
	"ON CONFLICT DO NOTHING",

	/*
	 * The planner's figures for what this transaction added, before
	 * courts.case_json() plans its reads of one case: an autovacuum
	 * ANALYZE that ran meanwhile saw none of it (it is not committed),
	 * and with "no cases, no events" each case's document was made by
	 * reading whole tables (a generation of 200,000 cases never ended).
	 */
	"ANALYZE courts.cases, courts.parties, courts.claims, courts.events",

	/* Their pages' documents, as the store keeps them (migration 013). */
	"INSERT INTO courts.case_pages (case_id, doc) "
	"SELECT c.id, courts.case_json(c.id, true) FROM courts.cases c "
	"WHERE c.generated AND c.id > $2::bigint AND $1::int > 0",
};

/* Runs one statement with $1 = n and $2 = the last id before; false with
 * the message in err. */
static bool
run(PGconn *conn, const char *sql, const char *n, const char *last,
    char *err, size_t errlen)
{
	const char *p[2] = { n, last };
	int np = strstr(sql, "$2") != NULL ? 2 : strstr(sql, "$1") != NULL;
	PGresult *res = PQexecParams(conn, sql, np, NULL, p, NULL, NULL, 0);
	bool ok = PQresultStatus(res) == PGRES_COMMAND_OK ||
	    PQresultStatus(res) == PGRES_TUPLES_OK;

	if (!ok)
		snprintf(err, errlen, "%s", PQresultErrorMessage(res));
	PQclear(res);
	return ok;
}

int
courts_generate(PGconn *conn, long n, char *err, size_t errlen)
{
	char count[32], last[32];
	PGresult *res;
	size_t i;

	snprintf(count, sizeof(count), "%ld", n);
	if (!run(conn, "BEGIN", NULL, NULL, err, errlen))
		return -1;
	res = PQexec(conn, "SELECT coalesce(max(id), 0) FROM courts.cases");
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		snprintf(err, errlen, "%s", PQresultErrorMessage(res));
		PQclear(res);
		goto fail;
	}
	snprintf(last, sizeof(last), "%s", PQgetvalue(res, 0, 0));
	PQclear(res);
	for (i = 0; i < sizeof(statements) / sizeof(statements[0]); i++)
		if (!run(conn, statements[i], count, last, err, errlen))
			goto fail;
	if (run(conn, "COMMIT", NULL, NULL, err, errlen))
		return 0;
fail:
	PQclear(PQexec(conn, "ROLLBACK"));
	return -1;
}
