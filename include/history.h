/*
 * history.h - what people read of their stored checks: the list with its sparklines
 * (`history`), one check as it was (`show`), and what changed between two (`compare`, and
 * "Since your last check" after a re-check). Records come from the store (store.h) already
 * read and checked; nothing here reads or writes a file but the stream it is given.
 */
#ifndef BACKCHECK_HISTORY_H
#define BACKCHECK_HISTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct questionnaire;
struct store_record;
struct store_score;

/* The list of checks, oldest first, and a sparkline per score (ASCII when is_plain); each
 * check's scores wrapped to width columns. */
void history_list_text(const struct store_record *r, size_t n, bool is_plain, int width,
                       FILE *out);

/* One stored record as it was, for a person. q (the record's questionnaire in language
 * lang, or NULL) names the answers by their questions; texts are wrapped to width columns. */
void history_show_text(const struct store_record *r, const struct questionnaire *q,
                       size_t lang, int width, FILE *out);

/*
 * What changed from a to b: outcome, each score with its change and direction, answers. With
 * q (b's questionnaire, in language lang) the answers are named by their questions, written
 * in words and ordered by how far they moved across their range; with q NULL, by id.
 */
void history_compare_text(const struct store_record *a, const struct store_record *b,
                          const struct questionnaire *q, size_t lang, FILE *out);

/* "62 -> 41, better": a score's change and its direction; buf holds at least 96 bytes. */
void history_score_change(const struct store_score *s, double from, double to, char *buf,
                          size_t sz);

#endif
