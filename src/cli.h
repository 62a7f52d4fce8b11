/*
 * cli.h - the command line: argv -> a request, the request -> text on
 * stdout, errors on stderr and an exit status. The only module that prints
 * or decides exit codes.
 */
#ifndef SARRAF_CLI_H
#define SARRAF_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "sarraf/rates.h"

/* Exit statuses of the SPEC. */
enum {
	EXIT_OK = 0,
	EXIT_DATA = 1,  /* bad amount, unknown currency, result out of range */
	EXIT_USAGE = 2, /* bad command line */
	EXIT_TABLE = 3, /* the rate table could not be loaded */
};

int cli_main(int argc, char **argv);

/*
 * The lines that name a table (output.h's block) to out: with a colon after
 * each label and the base for list and fetch, indented and without them for
 * --explain. origin NULL leaves the "table" line out.
 */
void print_table_block(FILE *out, const rates_table *t, const char *origin, int indent, bool colon);

#endif
