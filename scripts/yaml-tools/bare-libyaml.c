/* A bare libyaml event loop: the baseline for scripts/yaml-bench.sh. */
#include <yaml.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts); /* CPU time: steadier on a shared machine */
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* One pass over the input; the number of events, or -1. Not inlined, so that
 * callgrind --toggle-collect=parse_once counts exactly the parse. */
__attribute__((noinline)) static long parse_once(unsigned char *buf, long size) {
    yaml_parser_t parser;
    yaml_event_t event;
    long events = 0;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, buf, size);
    for (;;) {
        if (!yaml_parser_parse(&parser, &event)) {
            fprintf(stderr, "parse error: %s\n", parser.problem);
            yaml_parser_delete(&parser);
            return -1;
        }
        int done = event.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&event);
        events++;
        if (done) break;
    }
    yaml_parser_delete(&parser);
    return events;
}

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: bare-libyaml FILE [REPEAT]\n"); return 2; }
    FILE *f = fopen(argv[1], "rb");
    if (!f) { perror(argv[1]); return 2; }
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *buf = malloc(size > 0 ? size : 1);
    if (!buf || fread(buf, 1, size, f) != (size_t)size) { fprintf(stderr, "read failed\n"); return 2; }
    fclose(f);
    int repeats = argc > 2 ? atoi(argv[2]) : 1;
    if (repeats < 1) repeats = 1;
    double best = 1e30;
    long events = 0;
    for (int r = 0; r < repeats; r++) {
        double start = now();
        events = parse_once(buf, size);
        if (events < 0) return 1;
        double elapsed = now() - start;
        if (elapsed < best) best = elapsed;
    }
    printf("ok: %ld bytes, %ld events in %d ms CPU: %.1f MB/s\n", size, events, (int)(best * 1000), size / 1e6 / best);
    return 0;
}
