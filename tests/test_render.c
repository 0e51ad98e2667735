/* test_render.c - the small text helpers of the renderers (render.h) that other modules use:
 * how a saved time reads. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "render.h"

/* One list of month names serves the result's dates, history and the resume offer: a saved
 * time reads "28 Nov" or "28 Nov 2026 09:15"; anything that does not start with a date gives
 * NULL and leaves the buffer alone. */
static void test_render_day_forms(void **state)
{
	(void)state;
	static const struct {
		const char *rfc;
		enum render_day_form form;
		const char *want;
	} cases[] = {
		{ "2026-11-28T09:15:30+00:00", RENDER_DAY_MONTH, "28 Nov" },
		{ "2026-01-05T23:59:00Z", RENDER_DAY_MONTH, "5 Jan" },
		{ "2026-11-28T09:15:30+00:00", RENDER_DAY_MONTH_YEAR_TIME, "28 Nov 2026 09:15" },
		{ "2025-09-01T07:05:00+01:00", RENDER_DAY_MONTH_YEAR_TIME, "1 Sep 2025 07:05" },
		{ "2025-12-31", RENDER_DAY_MONTH_YEAR_TIME, "31 Dec 2025" },
		{ "2025-06-30T", RENDER_DAY_MONTH_YEAR_TIME, "30 Jun 2025" },
		{ "2025-13-01T00:00:00Z", RENDER_DAY_MONTH, NULL },
		{ "2025-00-01T00:00:00Z", RENDER_DAY_MONTH_YEAR_TIME, NULL },
		{ "yesterday", RENDER_DAY_MONTH, NULL },
		{ "", RENDER_DAY_MONTH_YEAR_TIME, NULL },
		{ NULL, RENDER_DAY_MONTH, NULL },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char buf[32] = "untouched";
		const char *got = render_day(cases[i].rfc, cases[i].form, buf, sizeof buf);
		if (cases[i].want == NULL) {
			assert_null(got);
			assert_string_equal(buf, "untouched");
		} else {
			assert_ptr_equal(got, buf);
			assert_string_equal(buf, cases[i].want);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_render_day_forms),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
