/*
 * The names of the court registry's codes (categories, outcomes, kinds of
 * party, court levels, statuses, and the case page's roles, instances,
 * events, results, units and court acts) as catalogue msgids, and the codes in
 * display order for the search form's <select>s.
 */
#ifndef ECO_COURTS_LABELS_H
#define ECO_COURTS_LABELS_H

#include <stddef.h>

/* A code's msgid; "" for a code that is none. */
const char *court_label_category(const char *code);
const char *court_label_outcome(const char *code);
const char *court_label_party_kind(const char *code);
const char *court_label_level(const char *code);
const char *court_label_status(const char *code);
const char *court_label_role(const char *code);
const char *court_label_instance(const char *code);
const char *court_label_event_type(const char *code);
const char *court_label_event_result(const char *code);
const char *court_label_case_type(const char *code);
const char *court_label_document_kind(const char *code);
const char *court_label_unit(const char *code);

/* The i-th code in display order; NULL past the last. */
const char *court_category_code(size_t i);
const char *court_outcome_code(size_t i);
const char *court_party_kind_code(size_t i);
const char *court_level_code(size_t i);
const char *court_role_code(size_t i);
const char *court_status_code(size_t i);
const char *court_instance_code(size_t i);
const char *court_event_type_code(size_t i);
const char *court_event_result_code(size_t i);
const char *court_case_type_code(size_t i);
const char *court_document_kind_code(size_t i);
const char *court_unit_code(size_t i);
const char *court_language_code(size_t i);

/* A court act's language (kk, ru). */
const char *court_label_language(const char *code);

#endif
