"use server";

import { validatedAction } from "@/lib/http";
import { placeAudience, runtime } from "@/lib/server";
import { placementRequestSchema } from "@/lib/validation/placement";

// A placement changes nothing stored, so there is nothing to revalidate.
export const placeAudienceAction = validatedAction(placementRequestSchema, async (request) => placeAudience(runtime().placement, request));
