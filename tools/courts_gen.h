/*
 * ecoctl courts generate N: N made-up court cases for the benchmark,
 * marked generated (never demo data, never in the registry's statistics),
 * with parties, claims, events and their search texts, in one
 * transaction.  Another run adds N more.
 */
#ifndef ECO_COURTS_GEN_H
#define ECO_COURTS_GEN_H

#include <stdbool.h>

#include <libpq-fe.h>

/* 0, or -1 with PostgreSQL's message in err (nothing written). */
int	courts_generate(PGconn *, long n, char *err, size_t errlen);

#endif
