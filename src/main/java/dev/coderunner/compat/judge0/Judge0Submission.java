package dev.coderunner.compat.judge0;

import tools.jackson.databind.node.ObjectNode;

import dev.coderunner.api.ExecuteRequest;

/**
 * A Judge0 submission, checked and translated: the run it asks for in our {@code /execute} terms,
 * and what Judge0 echoes back about it ({@code echo}: its input fields with defaults filled in,
 * source and stdin decoded), which is kept beside the run as the submission's metadata.
 */
record Judge0Submission(Judge0Languages.Resolved language, ExecuteRequest run, String callbackUrl, ObjectNode echo) {
}
