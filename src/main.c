/* main.c - sarraf's entry point: all of the work is in cli.c. */
#include "cli.h"

int main(int argc, char **argv)
{
	return cli_main(argc, argv);
}
