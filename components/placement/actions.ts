"use server";

import { placement as ep, validatedAction } from "@/lib/http";
import { placeAudience, runtime } from "@/lib/server";
import { placementRequestSchema } from "@/lib/validation/placement";

// A placement changes nothing stored, so there is nothing to revalidate (nor to audit).
export const placeAudienceAction = validatedAction(placementRequestSchema, async (request) => placeAudience(runtime().placement, request), { access: ep.place.access === "public" ? "viewer" : ep.place.access });
