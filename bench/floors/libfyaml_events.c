/* Parse-only floor for bench/limits.sh: the same as libyaml_events.c with libfyaml. */
#include <stdio.h>
#include <stdlib.h>
#include <libfyaml.h>

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
  struct fy_parse_cfg cfg = {0};
  cfg.flags = FYPCF_QUIET;
  for (int i = 1; i < argc; ++i) {
    size_t size = 0;
    char* text = slurp(argv[i], &size);
    if (!text) { perror(argv[i]); return 2; }
    struct fy_parser* parser = fy_parser_create(&cfg);
    fy_parser_set_string(parser, text, size);
    struct fy_event* event;
    while ((event = fy_parser_parse(parser)) != NULL) {
      ++events;
      fy_parser_event_free(parser, event);
    }
    if (fy_parser_get_stream_error(parser)) { fprintf(stderr, "%s: error\n", argv[i]); return 1; }
    fy_parser_destroy(parser);
    free(text);
  }
  printf("%lu events\n", events);
  return 0;
}
