/* hello.c - the yardstick for start-up time: the smallest C program that prints a line. */
#include <stdio.h>

int main(void)
{
	puts("hello, world");
	return 0;
}
