/*
 * Unit tests of the template engine: escaping, names and scopes, blocks,
 * partials, helpers with fake translation hooks, load errors with their
 * line numbers, loading a directory tree, and some hostile cases.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "arena.h"
#include "buf.h"
#include "template.h"
#include "tap.h"

static struct eco_arena *arena;

/* Compiles text as template "t" into a fresh set; NULL on error. */
static struct eco_templates *
one(const char *text)
{
	struct eco_templates *set = eco_templates_new();
	char err[256];

	if (eco_templates_add(set, "t", text, err, sizeof(err)) == -1) {
		printf("# unexpected error: %s\n", err);
		eco_templates_free(set);
		return NULL;
	}
	return set;
}

/* Renders name of set with data given as JSON text; arena memory. */
static const char *
render_set(const struct eco_templates *set, const char *name,
    const char *json, const char *yield,
    const struct eco_template_hooks *hooks)
{
	struct eco_buf out;
	json_t *data = NULL;
	int rc;

	if (json != NULL && (data = json_loads(json, 0, NULL)) == NULL)
		return "(bad test JSON)";
	eco_buf_init(&out, arena);
	rc = eco_template_render(set, name, data, yield, hooks, &out);
	json_decref(data);
	return rc == 0 ? out.data : "(render failed)";
}

/* Compiles text and renders it once. */
static const char *
render(const char *text, const char *json)
{
	struct eco_templates *set = one(text);
	const char *s;

	if (set == NULL)
		return "(compile failed)";
	s = render_set(set, "t", json, NULL, NULL);
	eco_templates_free(set);
	return s;
}

/* The load error for text, or "" when it compiles. */
static const char *
load_error(const char *text)
{
	struct eco_templates *set = eco_templates_new();
	static char err[256];

	err[0] = '\0';
	if (eco_templates_add(set, "t", text, err, sizeof(err)) == 0)
		err[0] = '\0';
	eco_templates_free(set);
	return err;
}

static void
test_values(void)
{
	is_str(render("<p>{{v}}</p>", "{\"v\":\"<a href=\\\"x\\\">'&'</a>\"}"),
	    "<p>&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;</p>",
	    "every special character is escaped by default");
	is_str(render("{{{v}}}", "{\"v\":\"<b>&'\\\"</b>\"}"),
	    "<b>&'\"</b>", "{{{ }}} is raw");
	is_str(render("{{n}} {{m}} {{z}}", "{\"n\":42,\"m\":-9000000000,\"z\":0}"),
	    "42 -9000000000 0", "integers print in full");
	is_str(render("{{a}} {{b}} {{c}} {{d}}",
	    "{\"a\":1.5,\"b\":0.1,\"c\":3.0,\"d\":1e300}"),
	    "1.5 0.1 3 1e+300", "reals print in their shortest form");
	is_str(render("[{{y}}][{{f}}][{{n}}][{{missing}}][{{o}}][{{l}}]",
	    "{\"y\":true,\"f\":false,\"n\":null,\"o\":{\"a\":1},\"l\":[1]}"),
	    "[true][][][][][]",
	    "true prints true; false, null, missing, objects print nothing");
	is_str(render("{{a.b.c}}|{{a.x.c}}|{{a.b}}",
	    "{\"a\":{\"b\":{\"c\":\"deep\"}}}"), "deep||",
	    "dotted names descend; a missing part prints nothing");
	is_str(render("{{items.1.name}}", "{\"items\":[{\"name\":\"a\"},"
	    "{\"name\":\"b\"}]}"), "b", "a numeric part indexes an array");
	is_str(render("{{k}} — {{r}}", "{\"k\":\"Қазақстан <экология>\","
	    "\"r\":\"Фонд\"}"), "Қазақстан &lt;экология&gt; — Фонд",
	    "Kazakh and Russian text passes through unchanged");
	is_str(render("Hello", NULL), "Hello", "NULL data renders the text");
	is_str(render("{{ name }}|{{\tname\n}}", "{\"name\":\"x\"}"), "x|x",
	    "whitespace inside tags is allowed");
	is_str(render("  a\n\t{{v}}  \n\n b ", "{\"v\":1}"),
	    "  a\n\t1  \n\n b ", "text keeps its whitespace");
	is_str(render("a{{! note }}b{{!-- has }} inside --}}c", NULL), "abc",
	    "comments print nothing");
	is_str(render("{ {x} } }} {", "{\"x\":1}"), "{ {x} } }} {",
	    "single braces and a stray }} are text");
}

static void
test_truthiness(void)
{
	static const struct {
		const char	*json;
		const char	*want;
	} cases[] = {
		{ "{\"v\":\"\"}", "no" },
		{ "{\"v\":\"x\"}", "yes" },
		{ "{\"v\":\"0\"}", "yes" },
		{ "{\"v\":0}", "no" },
		{ "{\"v\":7}", "yes" },
		{ "{\"v\":0.0}", "no" },
		{ "{\"v\":0.5}", "yes" },
		{ "{\"v\":true}", "yes" },
		{ "{\"v\":false}", "no" },
		{ "{\"v\":null}", "no" },
		{ "{\"v\":[]}", "no" },
		{ "{\"v\":[0]}", "yes" },
		{ "{\"v\":{}}", "no" },
		{ "{\"v\":{\"a\":1}}", "yes" },
		{ "{}", "no" },
	};
	char name[64];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(name, sizeof(name), "#if %s", cases[i].json);
		is_str(render("{{#if v}}yes{{else}}no{{/if}}", cases[i].json),
		    cases[i].want, name);
	}
	is_str(render("{{#unless v}}none{{/unless}}{{#unless w}}x{{else}}"
	    "some{{/unless}}", "{\"v\":[],\"w\":1}"), "nonesome",
	    "#unless and its else");
	is_str(render("{{#if a}}{{#if b}}ab{{else}}a{{/if}}{{else}}-{{/if}}",
	    "{\"a\":1,\"b\":0}"), "a", "else belongs to the innermost block");
}

static void
test_each(void)
{
	is_str(render("{{#each xs}}{{@index}}/{{@number}}:{{name}}"
	    "{{#if @first}}F{{/if}}{{#if @last}}L{{/if}} {{/each}}",
	    "{\"xs\":[{\"name\":\"a\"},{\"name\":\"b\"},{\"name\":\"c\"}]}"),
	    "0/1:aF 1/2:b 2/3:cL ", "each over objects with loop variables");
	is_str(render("{{#each xs}}[{{.}}|{{this}}]{{/each}}",
	    "{\"xs\":[\"a<\",\"б\",3]}"), "[a&lt;|a&lt;][б|б][3|3]",
	    "each over strings: . and this are the element");
	is_str(render("{{#each xs}}x{{else}}empty{{/each}}", "{\"xs\":[]}"),
	    "empty", "each/else on an empty list");
	is_str(render("{{#each xs}}x{{else}}none{{/each}}", "{}"), "none",
	    "each/else on a missing list");
	is_str(render("{{#each xs}}x{{else}}none{{/each}}", "{\"xs\":\"s\"}"),
	    "none", "each over a non-array renders else");
	is_str(render("{{#each xs}}{{title}}:{{name}};{{/each}}",
	    "{\"title\":\"T\",\"xs\":[{\"name\":\"a\"},{\"name\":\"b\","
	    "\"title\":\"own\"}]}"), "T:a;own:b;",
	    "names fall through to outer scopes; inner ones shadow");
	is_str(render("{{#each xs}}[{{this.title}}]{{/each}}",
	    "{\"title\":\"T\",\"xs\":[{},{\"title\":\"x\"}]}"), "[][x]",
	    "this.name looks only in the innermost scope");
	is_str(render("{{#each rows}}{{#each cells}}{{@index}}{{.}}{{/each}}"
	    "@{{@index}};{{/each}}", "{\"rows\":[{\"cells\":[\"a\",\"b\"]},"
	    "{\"cells\":[\"c\"]}]}"), "0a1b@0;0c@1;",
	    "nested each: @index is the innermost loop's");
	is_str(render("{{@index}}{{#if @first}}x{{/if}}", "{}"), "",
	    "loop variables outside #each are empty");
	is_str(render("{{#each xs}}{{#unless @last}}{{.}},{{else}}{{.}}"
	    "{{/unless}}{{/each}}", "{\"xs\":[1,2,3]}"), "1,2,3",
	    "@last drives separators");
}

static void
test_partials_yield(void)
{
	struct eco_templates *set = eco_templates_new();
	char err[256];
	const char *s;
	int rc = 0;

	rc |= eco_templates_add(set, "partials/item",
	    "<li>{{name}} ({{site}})</li>", err, sizeof(err));
	rc |= eco_templates_add(set, "list",
	    "<ul>{{#each xs}}{{> partials/item }}{{/each}}</ul>", err,
	    sizeof(err));
	rc |= eco_templates_add(set, "layout",
	    "<html>{{>partials/head}}<main>{{yield}}</main></html>", err,
	    sizeof(err));
	rc |= eco_templates_add(set, "partials/head", "<h1>{{site}}</h1>",
	    err, sizeof(err));
	is_int(rc, 0, "templates with partials compile");
	is_int(eco_templates_check(set, err, sizeof(err)), 0,
	    "check passes when every partial exists");
	is_str(render_set(set, "list", "{\"site\":\"E&co\",\"xs\":"
	    "[{\"name\":\"a\"},{\"name\":\"b\"}]}", NULL, NULL),
	    "<ul><li>a (E&amp;co)</li><li>b (E&amp;co)</li></ul>",
	    "a partial sees the element and the outer scope");
	is_str(render_set(set, "layout", "{\"site\":\"S\"}",
	    "<p>page & <b>body</b></p>", NULL),
	    "<html><h1>S</h1><main><p>page & <b>body</b></p></main></html>",
	    "yield inserts the page as it is");
	is_str(render_set(set, "layout", "{\"site\":\"S\"}", NULL, NULL),
	    "<html><h1>S</h1><main></main></html>", "NULL yield is empty");
	ok(eco_templates_has(set, "partials/item"), "has finds a template");
	ok(!eco_templates_has(set, "partials/none"), "has misses unknown names");
	is_str(render_set(set, "nothing", "{}", NULL, NULL), "(render failed)",
	    "render of an unknown template fails");

	rc = eco_templates_add(set, "partials/head", "<h2>{{site}}</h2>", err,
	    sizeof(err));
	s = render_set(set, "layout", "{\"site\":\"S\"}", "", NULL);
	ok(rc == 0 && strcmp(s, "<html><h2>S</h2><main></main></html>") == 0,
	    "adding a name again replaces the template");
	rc = eco_templates_add(set, "partials/head", "{{#if x}}", err,
	    sizeof(err));
	s = render_set(set, "layout", "{\"site\":\"S\"}", "", NULL);
	ok(rc == -1 && strcmp(s, "<html><h2>S</h2><main></main></html>") == 0,
	    "a failed add keeps the previous template");

	rc = eco_templates_add(set, "page", "{{> partials/missing}}", err,
	    sizeof(err));
	is_int(rc, 0, "a missing partial compiles (checked later)");
	is_int(eco_templates_check(set, err, sizeof(err)), -1,
	    "check finds the missing partial");
	is_str(err, "page:1: partial 'partials/missing' does not exist",
	    "the message names the file, line and partial");
	is_str(render_set(set, "page", "{}", NULL, NULL), "",
	    "a missing partial renders as nothing");
	eco_templates_free(set);
}

static void
test_recursion(void)
{
	struct eco_templates *set = eco_templates_new();
	char err[256], name[16], text[64];
	const char *s;
	int i;

	eco_templates_add(set, "self", "x{{#if a}}{{> self}}{{/if}}", err,
	    sizeof(err));
	is_int(eco_templates_check(set, err, sizeof(err)), -1,
	    "check refuses a partial that includes itself");
	is_str(err, "self:1: partial 'self' includes itself",
	    "the self-inclusion message");
	is_str(render_set(set, "self", "{\"a\":1}", NULL, NULL), "x",
	    "a self-including template renders its inclusion as nothing");
	eco_templates_free(set);

	set = eco_templates_new();
	eco_templates_add(set, "a", "a{{> b}}", err, sizeof(err));
	eco_templates_add(set, "b", "b\n{{> a}}", err, sizeof(err));
	is_int(eco_templates_check(set, err, sizeof(err)), -1,
	    "check refuses a cycle through two partials");
	ok(strcmp(err, "b:2: partial 'a' includes itself through other "
	    "partials") == 0 || strcmp(err, "a:1: partial 'b' includes "
	    "itself through other partials") == 0, "the cycle message");
	is_str(render_set(set, "a", "{}", NULL, NULL), "ab\n",
	    "a cycle through two partials stops where it closes");
	eco_templates_add(set, "c", "{{#each xs}}{{> c}}{{> a}}{{/each}}",
	    err, sizeof(err));
	s = render_set(set, "c", "{\"xs\":[1,2,3,4,5,6,7,8,9,10]}", NULL,
	    NULL);
	is_int(strlen(s), 10 * 3, "recursion inside #each does not multiply");
	eco_templates_free(set);

	/* p0 includes p1 ... includes p8: eight levels, the most rendered. */
	set = eco_templates_new();
	for (i = 0; i <= 8; i++) {
		snprintf(name, sizeof(name), "p%d", i);
		snprintf(text, sizeof(text), i < 8 ? "%d{{> p%d}}" : "%d", i,
		    i + 1);
		eco_templates_add(set, name, text, err, sizeof(err));
	}
	is_int(eco_templates_check(set, err, sizeof(err)), 0,
	    "eight levels of partials pass the check");
	is_str(render_set(set, "p0", "{}", NULL, NULL), "012345678",
	    "eight levels of partials render in full");
	eco_templates_add(set, "top", "\n\n{{> p0}}", err, sizeof(err));
	is_int(eco_templates_check(set, err, sizeof(err)), -1,
	    "nine levels of partials fail the check");
	ok(strstr(err, "partials nested more than 8 deep") != NULL,
	    "the depth message");
	is_str(render_set(set, "top", "{}", NULL, NULL), "\n\n01234567",
	    "rendering stops at eight levels");
	eco_templates_free(set);
}

/* --- fake hooks -------------------------------------------------------- */

static const char *
fake_gettext(void *ud, const char *ctx, const char *msgid)
{
	if (strcmp(msgid, "Requests") == 0)
		return ctx != NULL && strcmp(ctx, "menu") == 0 ?
		    "Сұраулар" : "Сұрау салу";
	if (strcmp(msgid, "Tom & Jerry") == 0)
		return "Том <и> Джерри";
	return NULL;		/* untranslated: the engine uses msgid */
}

/* Russian plural rule: one, few, many. */
static const char *
fake_ngettext(void *ud, const char *msgid, const char *plural,
    unsigned long n)
{
	if (strcmp(msgid, "%d day") != 0)
		return NULL;
	if (n % 10 == 1 && n % 100 != 11)
		return "%d день";
	if (n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 10 || n % 100 >= 20))
		return "%d дня";
	return "%d дней";
}

static int
fake_date(void *ud, const char *iso, struct eco_buf *out)
{
	static const char *months[] = { "қаңтар", "ақпан", "наурыз",
	    "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек",
	    "қазан", "қараша", "желтоқсан" };
	int y, m, d;

	if (strlen(iso) != 10 || sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3 ||
	    m < 1 || m > 12 || d < 1 || d > 31) {
		eco_buf_puts(out, "partial junk");	/* must be dropped */
		return -1;
	}
	if (y == 1999)		/* to see that the engine escapes hooks */
		eco_buf_puts(out, "<1999>");
	else
		eco_buf_printf(out, "%d жылғы %d %s", y, d, months[m - 1]);
	return 0;
}

static void
test_helpers(void)
{
	struct eco_template_hooks hooks = {
		NULL, fake_gettext, fake_ngettext, fake_date, 0
	};
	struct eco_template_hooks empty = { NULL, NULL, NULL, NULL, 0 };
	struct eco_templates *set;
	const char *tpl = "{{t \"Requests\"}}|{{t \"Requests\" ctx=\"menu\"}}|"
	    "{{ t  \"Tom & Jerry\" }}|{{t \"Untranslated <x>\"}}";
	const char *tn = "{{#each ns}}{{tn \"%d day\" \"%d days\" .}};{{/each}}";
	const char *dt = "{{date d}}|{{date bad}}|{{date odd}}|{{date none}}";
	const char *data = "{\"ns\":[1,2,5,11,21,22,0],\"d\":\"2026-11-21\","
	    "\"bad\":\"<soon>\",\"odd\":\"1999-01-01\"}";

	set = one(tpl);
	is_str(render_set(set, "t", "{}", NULL, &hooks),
	    "Сұрау салу|Сұраулар|Том &lt;и&gt; Джерри|Untranslated &lt;x&gt;",
	    "t translates with and without ctx, escapes, falls back to msgid");
	is_str(render_set(set, "t", "{}", NULL, NULL),
	    "Requests|Requests|Tom &amp; Jerry|Untranslated &lt;x&gt;",
	    "t with NULL hooks prints the msgid");
	is_str(render_set(set, "t", "{}", NULL, &empty),
	    "Requests|Requests|Tom &amp; Jerry|Untranslated &lt;x&gt;",
	    "t with NULL hook functions prints the msgid");
	eco_templates_free(set);

	set = one(tn);
	is_str(render_set(set, "t", data, NULL, &hooks),
	    "1 день;2 дня;5 дней;11 дней;21 день;22 дня;0 дней;",
	    "tn picks the Russian plural form and fills in the count");
	is_str(render_set(set, "t", data, NULL, NULL),
	    "1 day;2 days;5 days;11 days;21 days;22 days;0 days;",
	    "tn without hooks uses n != 1");
	eco_templates_free(set);
	is_str(render("{{tn \"<%d> file\" \"<%d> files\" n}}|"
	    "{{tn \"a\" \"b\" s}}|{{tn \"one\" \"many\" x}}|{{tn \"a\" \"b\" m}}",
	    "{\"n\":3,\"s\":\"1\",\"x\":\"zz\"}"),
	    "&lt;3&gt; files|a||", "tn escapes, reads decimal strings, "
	    "skips non-numbers");

	set = one(dt);
	is_str(render_set(set, "t", data, NULL, &hooks),
	    "2026 жылғы 21 қараша|&lt;soon&gt;|&lt;1999&gt;|",
	    "date formats, falls back to the escaped string, escapes the hook");
	is_str(render_set(set, "t", data, NULL, NULL),
	    "2026-11-21|&lt;soon&gt;|1999-01-01|", "date without hooks is ISO");
	eco_templates_free(set);

	is_str(render("{{t \"say \\\"hi\\\" \\\\ }} {{x}}\"}}", NULL),
	    "say &quot;hi&quot; \\ }} {{x}}",
	    "string literals take \\\" and \\\\ and may hold braces");
	is_str(render("{{#each xs}}{{tn \"%d item\" \"%d items\" @number}} "
	    "{{/each}}", "{\"xs\":[0,0]}"), "1 item 2 items ",
	    "tn counts a loop variable");
}

/* --- translations kept per language ------------------------------------- */

/* A catalog that counts how often it is asked. */
struct counting {
	const char	*requests;	/* "Requests" in its language */
	int		 calls;
};

static const char *
counting_gettext(void *ud, const char *ctx, const char *msgid)
{
	struct counting *c = ud;

	c->calls++;
	return strcmp(msgid, "Requests") == 0 ? c->requests : NULL;
}

static void
test_kept_translations(void)
{
	struct counting kk = { "Сұрау <салу>", 0 }, ru = { "Запросы", 0 };
	struct eco_template_hooks hk = { &kk, counting_gettext, NULL, NULL, 1 };
	struct eco_template_hooks hr = { &ru, counting_gettext, NULL, NULL, 2 };
	struct eco_template_hooks asked = { &kk, counting_gettext, NULL, NULL,
	    0 };
	struct eco_template_hooks beyond = { &kk, counting_gettext, NULL, NULL,
	    ECO_TEMPLATE_KEPT_LANGS + 1 };
	struct eco_templates *set = one("{{t \"Requests\"}}|{{t \"x & y\"}}|"
	    "{{#each xs}}{{t \"Requests\"}};{{/each}}");
	const char *data = "{\"xs\":[1,2,3]}";

	is_str(render_set(set, "t", data, NULL, &hk),
	    "Сұрау &lt;салу&gt;|x &amp; y|Сұрау &lt;салу&gt;;"
	    "Сұрау &lt;салу&gt;;Сұрау &lt;салу&gt;;",
	    "kept: the first render translates and escapes as ever");
	ok(kk.calls == 3, "once per {{t}}, also the one inside #each");
	is_str(render_set(set, "t", data, NULL, &hk),
	    "Сұрау &lt;салу&gt;|x &amp; y|Сұрау &lt;салу&gt;;"
	    "Сұрау &lt;салу&gt;;Сұрау &lt;салу&gt;;", "the same the second time");
	ok(kk.calls == 3, "the second render asks the catalog nothing");
	is_str(render_set(set, "t", data, NULL, &hr),
	    "Запросы|x &amp; y|Запросы;Запросы;Запросы;",
	    "another language keeps its own");
	ok(ru.calls == 3, "the other language asked once per {{t}}");
	is_str(render_set(set, "t", "{}", NULL, &hk),
	    "Сұрау &lt;салу&gt;|x &amp; y|", "the first language unchanged");
	kk.calls = 0;
	render_set(set, "t", "{}", NULL, &asked);
	render_set(set, "t", "{}", NULL, &asked);
	ok(kk.calls == 4, "kept_lang 0: asked every time");
	kk.calls = 0;
	render_set(set, "t", "{}", NULL, &beyond);
	render_set(set, "t", "{}", NULL, &beyond);
	ok(kk.calls == 4, "a kept_lang beyond the slots: asked every time");
	eco_templates_free(set);
}

/* --- load errors -------------------------------------------------------- */

static void
test_errors(void)
{
	static const struct {
		const char	*text;
		const char	*want;
	} cases[] = {
		{ "a\n{{#if x}}\nb", "t:2: {{#if}} is never closed (no {{/if}})" },
		{ "{{#each x}}\n\n{{/if}}",
		    "t:3: {{/if}} does not close {{#each}} of line 1" },
		{ "\n{{/if}}", "t:2: {{/if}} without an open block" },
		{ "a\nb\n{{else}}", "t:3: {{else}} outside a block" },
		{ "{{#if a}}\n{{else}}{{else}}{{/if}}",
		    "t:2: second {{else}} in {{#if}} of line 1" },
		{ "\n\n\n{{foo bar}}", "t:4: unknown helper 'foo'" },
		{ "{{#with x}}{{/with}}", "t:1: unknown block '#with'" },
		{ "x\n\n{{name", "t:3: unterminated tag (no '}}')" },
		{ "{{{name}}", "t:1: '{{{' closed by '}}', not '}}}'" },
		{ "{{{name", "t:1: unterminated tag (no '}}}')" },
		{ "\n{{t \"abc}}\n", "t:2: unterminated string literal" },
		{ "{{t \"a\\nb\"}}",
		    "t:1: unknown escape in string literal (only \\\" and \\\\)" },
		{ "{{}}", "t:1: empty name" },
		{ "\n{{ }}", "t:2: empty name" },
		{ "{{#if}}{{/if}}", "t:1: empty name in {{#if}}" },
		{ "{{{ }}}", "t:1: empty name" },
		{ "{{>}}", "t:1: empty name" },
		{ "{{a..b}}", "t:1: invalid name 'a..b'" },
		{ "{{.a}}", "t:1: invalid name '.a'" },
		{ "{{a/b}}", "t:1: invalid name 'a/b'" },
		{ "{{@key}}", "t:1: unknown variable '@key'" },
		{ "{{> ../etc/passwd}}", "t:1: invalid partial name '../etc/passwd'" },
		{ "\n{{! never closed }", "t:2: unterminated comment" },
		{ "{{t}}", "t:1: {{t}} needs a string literal" },
		{ "{{t \"a\" lang=\"kk\"}}",
		    "t:1: {{t}} takes only ctx=\"...\" after the string" },
		{ "{{tn \"a\" n}}", "t:1: {{tn}} needs two string literals and a name" },
		{ "{{date}}", "t:1: {{date}} takes one name" },
		{ "{{a=b}}", "t:1: expected a string literal after '='" },
		{ "{{a;}}", "t:1: unexpected ';' in tag" },
		{ "{{#if a}}{{/if b}}", "t:1: '{{/' takes one block name" },
	};
	char big[512], name[64];
	char *huge;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(name, sizeof(name), "error: %s", cases[i].want + 4);
		is_str(load_error(cases[i].text), cases[i].want, name);
	}

	big[0] = '\0';
	for (i = 0; i < 40; i++)
		strcat(big, "{{#if a}}");
	is_str(load_error(big), "t:1: blocks nested more than 32 deep",
	    "nesting is bounded");

	huge = malloc(1024 * 1024 + 2);
	memset(huge, 'a', 1024 * 1024 + 1);
	huge[1024 * 1024 + 1] = '\0';
	is_str(load_error(huge), "t:1: template larger than 1 MiB",
	    "a template over 1 MiB is refused");
	huge[1024 * 1024] = '\0';
	is_str(load_error(huge), "", "exactly 1 MiB is accepted");
	free(huge);
}

/* --- loading a directory ------------------------------------------------ */

static int
write_file(const char *dir, const char *rel, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	if ((f = fopen(path, "w")) == NULL)
		return -1;
	fputs(text, f);
	return fclose(f);
}

/* rm -r for the test's own temporary tree. */
static void
remove_tree(const char *path)
{
	struct dirent *de;
	struct stat st;
	char sub[512];
	DIR *d;

	if (lstat(path, &st) == -1)
		return;
	if (S_ISDIR(st.st_mode) && (d = opendir(path)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			if (strcmp(de->d_name, ".") == 0 ||
			    strcmp(de->d_name, "..") == 0)
				continue;
			snprintf(sub, sizeof(sub), "%s/%s", path, de->d_name);
			remove_tree(sub);
		}
		closedir(d);
		rmdir(path);
	} else {
		unlink(path);
	}
}

static void
test_load(void)
{
	char dir[] = "/tmp/eco-tpl-test.XXXXXX";
	char path[512], err[512];
	struct eco_templates *set;
	const char *want;
	int rc = 0;

	if (mkdtemp(dir) == NULL) {
		ok(0, "mkdtemp");
		return;
	}
	snprintf(path, sizeof(path), "%s/portal", dir);
	rc |= mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/partials", dir);
	rc |= mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/partials/deep", dir);
	rc |= mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/.git", dir);
	rc |= mkdir(path, 0700);
	rc |= write_file(dir, "layout.html", "<body>{{> partials/header}}"
	    "{{yield}}</body>\n");
	rc |= write_file(dir, "portal/home.html",
	    "<h1>{{t \"Home\"}}</h1>\n{{> partials/deep/note}}");
	rc |= write_file(dir, "partials/header.html", "<header>{{site}}</header>");
	rc |= write_file(dir, "partials/deep/note.html", "<p>{{note}}</p>");
	rc |= write_file(dir, ".hidden.html", "{{#if broken");
	rc |= write_file(dir, ".git/x.html", "{{#if broken");
	rc |= write_file(dir, "notes.txt", "{{#if broken");
	rc |= write_file(dir, "portal/page.htm", "{{#if broken");
	ok(rc == 0, "temporary template tree created");

	set = eco_templates_load(dir, err, sizeof(err));
	ok(set != NULL, "a directory tree loads");
	if (set == NULL)
		printf("# %s\n", err);
	ok(eco_templates_has(set, "layout") && eco_templates_has(set,
	    "portal/home") && eco_templates_has(set, "partials/header") &&
	    eco_templates_has(set, "partials/deep/note"),
	    "names are relative paths without .html");
	ok(!eco_templates_has(set, ".hidden") && !eco_templates_has(set,
	    ".git/x") && !eco_templates_has(set, "notes") &&
	    !eco_templates_has(set, "portal/page"),
	    "dotfiles, dot-folders and other extensions are skipped");
	is_str(render_set(set, "portal/home", "{\"note\":\"n<1>\"}", NULL,
	    NULL), "<h1>Home</h1>\n<p>n&lt;1&gt;</p>",
	    "a loaded template renders with a nested partial");
	eco_templates_free(set);

	/* With a slash at the end of the directory name too. */
	rc = write_file(dir, "portal/broken.html", "ok\n{{> partials/gone}}\n");
	snprintf(path, sizeof(path), "%s/", dir);
	set = eco_templates_load(path, err, sizeof(err));
	ok(set == NULL, "a missing partial fails loading");
	snprintf(path, sizeof(path), "%s/portal/broken.html:2: partial "
	    "'partials/gone' does not exist", dir);
	is_str(err, path, "the missing partial is named with file and line");

	rc |= write_file(dir, "portal/broken.html", "a\nb\n{{#each xs}}\n");
	set = eco_templates_load(dir, err, sizeof(err));
	snprintf(path, sizeof(path), "%s/portal/broken.html:3: {{#each}} is "
	    "never closed (no {{/each}})", dir);
	ok(rc == 0 && set == NULL, "a syntax error fails loading");
	is_str(err, path, "the syntax error names the file path and line");

	snprintf(path, sizeof(path), "%s/portal/broken.html", dir);
	rc = truncate(path, 1024 * 1024 + 1);
	set = eco_templates_load(dir, err, sizeof(err));
	snprintf(path, sizeof(path), "%s/portal/broken.html:1: template "
	    "larger than 1 MiB", dir);
	ok(rc == 0 && set == NULL, "a file over 1 MiB fails loading");
	is_str(err, path, "the size message names the file");

	snprintf(path, sizeof(path), "%s/nonexistent", dir);
	set = eco_templates_load(path, err, sizeof(err));
	want = strstr(err, "No such file");
	ok(set == NULL && want != NULL, "a missing directory fails loading");

	remove_tree(dir);
}

/* --- large and hostile --------------------------------------------------- */

static void
test_large(void)
{
	struct eco_templates *set;
	struct eco_buf out;
	json_t *data, *xs;
	size_t i;
	int rc;

	xs = json_array();
	for (i = 0; i < 10000; i++)
		json_array_append_new(xs, json_pack("{s:i,s:s}", "id", (int)i,
		    "name", "<item>"));
	data = json_pack("{s:o}", "xs", xs);
	set = one("<ul>{{#each xs}}<li id=\"{{id}}\">{{name}}</li>{{/each}}"
	    "</ul>");
	eco_buf_init(&out, arena);
	rc = eco_template_render(set, "t", data, NULL, NULL, &out);
	ok(rc == 0 && strncmp(out.data, "<ul><li id=\"0\">&lt;item&gt;</li>",
	    32) == 0, "each over 10,000 items renders");
	ok(strstr(out.data, "<li id=\"9999\">&lt;item&gt;</li></ul>") != NULL,
	    "the last of 10,000 items is there");
	is_int(out.len, 4 + 5 + 10000 * 27 + 10 * 1 + 90 * 2 + 900 * 3 +
	    9000 * 4, "the output has the expected length");

	eco_buf_clear(&out);
	eco_buf_puts(&out, "before|");
	json_decref(data);
	data = json_pack("{s:[]}", "xs");
	eco_template_render(set, "t", data, NULL, NULL, &out);
	is_str(out.data, "before|<ul></ul>", "render appends to the buffer");
	eco_templates_free(set);
	json_decref(data);

	ok(eco_template_render(NULL, "t", NULL, NULL, NULL, &out) == -1,
	    "render with no set fails cleanly");
	ok(eco_templates_add(NULL, "t", "x", NULL, 0) == -1,
	    "add with no set fails cleanly");
	eco_templates_free(NULL);
}

int
main(void)
{
	arena = eco_arena_new();
	test_values();
	test_truthiness();
	test_each();
	test_partials_yield();
	test_recursion();
	test_helpers();
	test_kept_translations();
	test_errors();
	test_load();
	test_large();
	eco_arena_free(arena);
	return tap_done();
}
