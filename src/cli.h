/*
 * cli.h - the command line: argv -> a request, the request -> text on
 * stdout, errors on stderr and an exit status. The only module that prints
 * or decides exit codes.
 */
#ifndef SARRAF_CLI_H
#define SARRAF_CLI_H

/* Exit statuses of the SPEC. */
enum {
	EXIT_OK = 0,
	EXIT_DATA = 1,  /* bad amount, unknown currency, result out of range */
	EXIT_USAGE = 2, /* bad command line */
	EXIT_TABLE = 3, /* the rate table could not be loaded */
};

int cli_main(int argc, char **argv);

#endif
