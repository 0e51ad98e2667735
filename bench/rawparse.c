/*
 * bench/rawparse.c - libyaml's raw event parse of a file, the reference for the load
 * benchmark: the file read whole (as backcheck reads it), every event parsed and dropped.
 *
 *   rawparse FILE
 */
#include <stdio.h>
#include <stdlib.h>
#include <yaml.h>

int main(int argc, char **argv)
{
	if (argc != 2)
		return 2;
	FILE *f = fopen(argv[1], "rb");
	if (f == NULL)
		return 1;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	rewind(f);
	unsigned char *buf = malloc((size_t)n + 1);
	if (buf == NULL || fread(buf, 1, (size_t)n, f) != (size_t)n)
		return 1;
	fclose(f);
	yaml_parser_t p;
	yaml_event_t e;
	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, buf, (size_t)n);
	size_t events = 0;
	for (;;) {
		if (!yaml_parser_parse(&p, &e))
			return 1;
		int end = e.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&e);
		events++;
		if (end)
			break;
	}
	yaml_parser_delete(&p);
	free(buf);
	return events > 0 ? 0 : 1;
}
