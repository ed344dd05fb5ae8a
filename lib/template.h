/*
 * Templates: HTML files under templates/, compiled once at start.
 *
 * Syntax (a small Mustache/Handlebars dialect):
 *
 *   {{name}} {{a.b.c}}      value, HTML-escaped; strings, integers, reals;
 *                           true prints nothing special ("true"); null/missing
 *                           print nothing
 *   {{{name}}}              raw value, NOT escaped: an explicit, reviewed opt-in
 *   {{#if name}}..{{else}}..{{/if}}      truthy: non-empty string, non-zero
 *                           number, true, non-empty array/object
 *   {{#unless name}}..{{/unless}}
 *   {{#each list}}..{{else}}..{{/each}}  body once per array element, which
 *                           becomes the innermost scope ({{.}} is the element
 *                           itself; {{@index}} counts from 0, {{@number}} from 1,
 *                           {{@first}}/{{@last}} are booleans for #if);
 *                           the {{else}} part renders when the list is empty
 *   {{> partials/name}}     another template, with the same scope
 *   {{t "Text"}}            translated text, escaped
 *   {{t "Text" ctx="menu"}} translated with a message context
 *   {{tn "%d day" "%d days" count}}  plural form chosen by count; %d is
 *                           replaced by the count
 *   {{date name}}           an ISO date (YYYY-MM-DD) written the language's way
 *   {{yield}}               in a layout: the page rendered inside it (already
 *                           escaped HTML)
 *   {{! comment }}          nothing
 *
 * Names resolve from the innermost scope outwards (each element, then the
 * data object); {{this.name}} looks only in the innermost scope.  t, tn,
 * date, yield and else are reserved and cannot be used as plain names.
 * Objects and arrays print nothing.  {{!-- ... --}} is a comment that may
 * contain "}}".  Partials may not include themselves, directly or through
 * others, nor nest more than 8 deep.
 * Whitespace inside {{ }} is allowed.  Any syntax error (an
 * unclosed block, an unknown helper, a missing partial) fails loading with a
 * message naming the file and line, so a broken template never reaches a
 * request.
 */
#ifndef ECO_TEMPLATE_H
#define ECO_TEMPLATE_H

#include <stddef.h>

#include <jansson.h>

struct eco_buf;
struct eco_templates;

/*
 * What the engine asks of the caller while rendering: translations and date
 * formatting for the current language.  Results are plain text; the engine
 * escapes them.
 */
struct eco_template_hooks {
	void	*ud;
	const char *(*gettext)(void *ud, const char *msgctxt, const char *msgid);
	const char *(*ngettext)(void *ud, const char *msgid,
		    const char *msgid_plural, unsigned long n);
	/* Writes the date (YYYY-MM-DD) in words; returns -1 if it is not a date. */
	int	(*format_date)(void *ud, const char *iso, struct eco_buf *out);
	/*
	 * 1 + the language's index (below ECO_TEMPLATE_KEPT_LANGS) when
	 * gettext's answers for it never change while the process runs: each
	 * {{t}} is then translated and escaped once per language and kept in
	 * the template (so rendering writes to the set: one thread per set).
	 * 0: gettext is asked every time.
	 */
	int	kept_lang;
};

#define ECO_TEMPLATE_KEPT_LANGS	4

/*
 * Loads every *.html file below dir.  A template's name is its path relative
 * to dir without ".html" ("layout", "portal/home", "partials/header").
 * Returns NULL and writes a message to err on any error.
 */
struct eco_templates *eco_templates_load(const char *dir, char *err, size_t errlen);
/* Compiles one template from memory (for tests); adds or replaces name. */
int	eco_templates_add(struct eco_templates *, const char *name,
	    const char *text, char *err, size_t errlen);
struct eco_templates *eco_templates_new(void);
/* Checks that every partial referenced exists. 0 or -1 with err. */
int	eco_templates_check(const struct eco_templates *, char *err, size_t errlen);
void	eco_templates_free(struct eco_templates *);
int	eco_templates_has(const struct eco_templates *, const char *name);

/*
 * Renders template name with data, appending to out.  yield is the HTML that
 * {{yield}} inserts (NULL for none).  Returns 0, or -1 when the template does
 * not exist.
 */
int	eco_template_render(const struct eco_templates *, const char *name,
	    json_t *data, const char *yield, const struct eco_template_hooks *,
	    struct eco_buf *out);

#endif
