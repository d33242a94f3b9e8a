// glibc functions that Swift's Glibc module does not export: glibc declares
// them only under _GNU_SOURCE, or in a header the module leaves out
// (malloc.h's mallopt). Linked from the C library itself; declared here with
// glibc's own prototypes, so a static executable can call them directly (it
// has no dynamic symbol table for dlsym to search).
#include <stdio.h>
#include <unistd.h>
#include <malloc.h>

int renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, unsigned int flags);
int syncfs(int fd);
