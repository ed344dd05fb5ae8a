/*
 * ecoctl courts import FILE.json: court case records in the shape of
 * court_cases.json, all or nothing.
 */
#ifndef ECO_TOOLS_COURTS_IMPORT_H
#define ECO_TOOLS_COURTS_IMPORT_H

struct eco_db;

/*
 * Imports the array of records in path in one transaction: every record
 * checked first, any problem printed to stderr as "key: field: message"
 * and nothing written; else each case added or updated by its key, one
 * audit row per case, and "N added, M updated" printed.  0, or 1.
 */
int	courts_import(struct eco_db *, const char *path);

#endif
