import { z } from "zod";
import { expectedType } from "../messages.ts";
import { listOf, matching } from "../fields.ts";
import { objectFor, type SchemaOptions } from "../object-factory.ts";

/**
 * Project names are substituted into `dispatch.startCommand` / `stopCommand`, which run in a
 * shell, so they are held to the same plain characters as node names.
 */
export const PROJECT_NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** projects.json: dispatch owns the rest of each entry, so unknown keys there pass through. */
export function projectsFileSchema({ strict }: SchemaOptions) {
  const project = z.looseObject({ name: matching(PROJECT_NAME_RE, "a project name") }, { error: expectedType("an object") });
  return objectFor(strict)({ projects: listOf(project, "a list of projects").default([]) });
}

export type ProjectsFile = z.output<ReturnType<typeof projectsFileSchema>>;
export type Project = ProjectsFile["projects"][number];
