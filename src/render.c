/*
 * render.c - chooses the renderer for an output format and audience; the one place that maps
 * --format and --for names to them, for every subcommand that writes a result.
 */
#include "render.h"

#include <string.h>

static const char *const format_names[RENDER_FORMATS] = {
	[RENDER_TEXT] = "text", [RENDER_JSON] = "json", [RENDER_MARKDOWN] = "markdown",
	[RENDER_HTML] = "html", [RENDER_FHIR] = "fhir",
};

int render_format_of(const char *name, enum render_format *out)
{
	for (int k = 0; k < RENDER_FORMATS; k++)
		if (name != NULL && strcmp(name, format_names[k]) == 0) {
			*out = (enum render_format)k;
			return 0;
		}
	return -1;
}

int render_audience_of(const char *name, enum render_audience *out)
{
	if (name != NULL && strcmp(name, "person") == 0)
		*out = RENDER_FOR_PERSON;
	else if (name != NULL && strcmp(name, "clinician") == 0)
		*out = RENDER_FOR_CLINICIAN;
	else
		return -1;
	return 0;
}

int render_result(FILE *out, struct engine *e, const struct engine_result *r,
                  enum render_format format, enum render_audience who,
                  const struct render_context *ctx, int width)
{
	switch (format) {
	case RENDER_JSON:
		return render_json(out, e, r);
	case RENDER_FHIR:
		return render_fhir_bundle(out, e, r, ctx);
	case RENDER_TEXT:
		if (who == RENDER_FOR_PERSON) {
			struct render_text_opts o = { ctx != NULL && ctx->is_details,
			                              ctx != NULL ? ctx->more : NULL };
			return render_text_with(out, e, r, width, &o);
		}
		return render_page(out, e, r, DOC_TEXT, who, ctx, width);
	case RENDER_MARKDOWN:
		return render_page(out, e, r, DOC_MARKDOWN, who, ctx, width);
	case RENDER_HTML:
	case RENDER_FORMATS:
		break;
	}
	return render_page(out, e, r, DOC_HTML, who, ctx, width);
}
