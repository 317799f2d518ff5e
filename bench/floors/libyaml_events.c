/* Parse-only floor for bench/limits.sh: reads each file named on the command line and
   pulls every libyaml event, building nothing. What cadre's YAML reading cannot beat. */
#include <stdio.h>
#include <stdlib.h>
#include <yaml.h>

static char* slurp(const char* path, size_t* size) {
  FILE* f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char* text = malloc(n > 0 ? (size_t)n : 1);
  *size = fread(text, 1, (size_t)n, f);
  fclose(f);
  return text;
}

int main(int argc, char** argv) {
  unsigned long events = 0;
  for (int i = 1; i < argc; ++i) {
    size_t size = 0;
    char* text = slurp(argv[i], &size);
    if (!text) { perror(argv[i]); return 2; }
    yaml_parser_t parser;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, (const unsigned char*)text, size);
    for (;;) {
      yaml_event_t event;
      if (!yaml_parser_parse(&parser, &event)) { fprintf(stderr, "%s: %s\n", argv[i], parser.problem); return 1; }
      int done = event.type == YAML_STREAM_END_EVENT;
      yaml_event_delete(&event);
      ++events;
      if (done) break;
    }
    yaml_parser_delete(&parser);
    free(text);
  }
  printf("%lu events\n", events);
  return 0;
}
