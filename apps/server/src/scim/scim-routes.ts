import { authenticateScimToken } from "@attest/api/services/scim/authenticate-scim-token";
import { createScimGroup } from "@attest/api/services/scim/create-scim-group";
import { createScimUser } from "@attest/api/services/scim/create-scim-user";
import { deleteScimGroup } from "@attest/api/services/scim/delete-scim-group";
import { deleteScimUser } from "@attest/api/services/scim/delete-scim-user";
import { getScimGroup, listScimGroupResources } from "@attest/api/services/scim/read-scim-groups";
import { getScimUser, listScimUserResources } from "@attest/api/services/scim/read-scim-users";
import type { ScimCaller } from "@attest/api/services/scim/scim-caller";
import { ScimError, scimErrorBody } from "@attest/api/services/scim/scim-error";
import {
  isProjected,
  readProjection,
  readScimQuery,
} from "@attest/api/services/scim/scim-list-request";
import type { ScimResourceResponse } from "@attest/api/services/scim/scim-response";
import {
  listResponse,
  resourceTypeResources,
  schemaResources,
  scimUrn,
  serviceProviderConfig,
} from "@attest/api/services/scim/scim-schemas";
import { patchScimGroup, replaceScimGroup } from "@attest/api/services/scim/update-scim-group";
import { patchScimUser, replaceScimUser } from "@attest/api/services/scim/update-scim-user";
import type { Database } from "@attest/db/database";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

export interface ScimRoutesOptions {
  db: Database;
  now: () => Date;
}

export const scimPrefix = "/scim/v2";
const scimContentType = "application/scim+json; charset=utf-8";

type IdParams = { Params: { id: string } };

/** The directory and token each SCIM request authenticated as, set before any handler runs. */
const callers = new WeakMap<FastifyRequest, ScimCaller>();

function callerOf(request: FastifyRequest): ScimCaller {
  const caller = callers.get(request);
  if (!caller) throw new ScimError(401, "Not authenticated.");
  return caller;
}

/** Where this server's SCIM endpoints are, as the IdP reached them; meta.location builds on it. */
function baseUrlOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}${scimPrefix}`;
}

function ifMatchOf(request: FastifyRequest): string | undefined {
  const header = request.headers["if-match"];
  return Array.isArray(header) ? header.join(",") : header;
}

function sendResource(reply: FastifyReply, response: ScimResourceResponse, status = 200) {
  reply.code(status).header("etag", response.etag);
  if (status === 201) reply.header("location", response.location);
  return reply.send(response.resource);
}

/**
 * The SCIM 2.0 service provider (RFC 7644) at /scim/v2, for identity providers such as Okta and
 * Entra ID. Every request carries a directory's bearer token; every answer, errors included, is
 * application/scim+json in the SCIM schemas. Routes only translate HTTP: the services decide.
 */
export function registerScimRoutes(app: FastifyInstance, options: ScimRoutesOptions) {
  const { db, now } = options;
  return app.register(
    async (scim) => {
      // IdPs send application/scim+json, some application/json. Both are read with Fastify's
      // JSON parser (which refuses __proto__ keys), except that an empty body is no body: some
      // clients send a content type on DELETE.
      const parseJson = scim.getDefaultJsonParser("error", "error");
      scim.removeContentTypeParser("application/json");
      scim.addContentTypeParser(
        ["application/json", "application/scim+json"],
        { parseAs: "string" },
        (request, body, done) => {
          if (typeof body === "string" && body.trim() === "") return done(null, undefined);
          return parseJson(request, body as string, done);
        },
      );

      scim.addHook("onRequest", async (request) => {
        callers.set(request, await authenticateScimToken(db, request.headers.authorization, now()));
      });

      scim.addHook("onSend", async (_request, reply, payload) => {
        if (reply.statusCode !== 204) reply.header("content-type", scimContentType);
        return payload;
      });

      scim.setErrorHandler((error, request, reply) => {
        if (error instanceof ScimError) {
          if (error.status === 401) {
            reply.header("www-authenticate", 'Bearer realm="Attest SCIM"');
          }
          return reply.code(error.status).send(scimErrorBody(error));
        }
        // Fastify's own client errors: unreadable JSON, an unsupported media type, a huge body
        const statusCode = (error as { statusCode?: number }).statusCode;
        if (statusCode && statusCode >= 400 && statusCode < 500) {
          const scimType = statusCode === 400 ? "invalidSyntax" : undefined;
          const clientError = new ScimError(statusCode, (error as Error).message, scimType);
          return reply.code(statusCode).send(scimErrorBody(clientError));
        }
        request.log.error({ err: error }, "SCIM request failed");
        return reply
          .code(500)
          .send(scimErrorBody(new ScimError(500, "Something went wrong on our side.")));
      });

      // The onRequest hook above runs first, so an unauthenticated probe gets 401 here too.
      scim.setNotFoundHandler(async (request) => {
        throw new ScimError(404, `No SCIM endpoint ${request.method} ${request.url}.`);
      });

      scim.get("/ServiceProviderConfig", async (request) =>
        serviceProviderConfig(baseUrlOf(request)),
      );
      scim.get("/Schemas", async (request) => listResponse(schemaResources(baseUrlOf(request))));
      scim.get<IdParams>("/Schemas/:id", async (request) => {
        const schema = schemaResources(baseUrlOf(request)).find((s) => s.id === request.params.id);
        if (!schema) throw new ScimError(404, `No schema "${request.params.id}".`);
        return schema;
      });
      scim.get("/ResourceTypes", async (request) =>
        listResponse(resourceTypeResources(baseUrlOf(request))),
      );
      scim.get<IdParams>("/ResourceTypes/:id", async (request) => {
        const resourceType = resourceTypeResources(baseUrlOf(request)).find(
          (type) => type.id === request.params.id,
        );
        if (!resourceType) throw new ScimError(404, `No resource type "${request.params.id}".`);
        return resourceType;
      });

      scim.get("/Users", async (request) =>
        listScimUserResources(db, {
          caller: callerOf(request),
          query: readScimQuery(request.query),
          baseUrl: baseUrlOf(request),
        }),
      );
      scim.post("/Users", async (request, reply) =>
        sendResource(
          reply,
          await createScimUser(db, {
            caller: callerOf(request),
            body: request.body,
            baseUrl: baseUrlOf(request),
            now: now(),
          }),
          201,
        ),
      );
      scim.get<IdParams>("/Users/:id", async (request, reply) =>
        sendResource(
          reply,
          await getScimUser(db, {
            caller: callerOf(request),
            id: request.params.id,
            query: readScimQuery(request.query),
            baseUrl: baseUrlOf(request),
          }),
        ),
      );
      scim.put<IdParams>("/Users/:id", async (request, reply) =>
        sendResource(
          reply,
          await replaceScimUser(db, {
            caller: callerOf(request),
            id: request.params.id,
            body: request.body,
            ifMatch: ifMatchOf(request),
            baseUrl: baseUrlOf(request),
            now: now(),
          }),
        ),
      );
      scim.patch<IdParams>("/Users/:id", async (request, reply) =>
        sendResource(
          reply,
          await patchScimUser(db, {
            caller: callerOf(request),
            id: request.params.id,
            body: request.body,
            ifMatch: ifMatchOf(request),
            baseUrl: baseUrlOf(request),
            now: now(),
          }),
        ),
      );
      scim.delete<IdParams>("/Users/:id", async (request, reply) => {
        await deleteScimUser(db, {
          caller: callerOf(request),
          id: request.params.id,
          ifMatch: ifMatchOf(request),
          now: now(),
        });
        return reply.code(204).send();
      });

      scim.get("/Groups", async (request) =>
        listScimGroupResources(db, {
          caller: callerOf(request),
          query: readScimQuery(request.query),
          baseUrl: baseUrlOf(request),
        }),
      );
      scim.post("/Groups", async (request, reply) =>
        sendResource(
          reply,
          await createScimGroup(db, {
            caller: callerOf(request),
            body: request.body,
            baseUrl: baseUrlOf(request),
            now: now(),
          }),
          201,
        ),
      );
      scim.get<IdParams>("/Groups/:id", async (request, reply) =>
        sendResource(
          reply,
          await getScimGroup(db, {
            caller: callerOf(request),
            id: request.params.id,
            query: readScimQuery(request.query),
            baseUrl: baseUrlOf(request),
          }),
        ),
      );
      scim.put<IdParams>("/Groups/:id", async (request, reply) => {
        const update = await replaceScimGroup(db, {
          caller: callerOf(request),
          id: request.params.id,
          body: request.body,
          ifMatch: ifMatchOf(request),
          projection: readProjection(readScimQuery(request.query), scimUrn.group),
          baseUrl: baseUrlOf(request),
          now: now(),
        });
        return reply.header("etag", update.etag).send(update.resource);
      });
      scim.patch<IdParams>("/Groups/:id", async (request, reply) => {
        // A membership change answers 204 (RFC 7644 §3.5.2 allows it) rather than echoing a
        // member list that can run to thousands, unless the IdP asks for attributes back.
        const projection = readProjection(readScimQuery(request.query), scimUrn.group);
        const update = await patchScimGroup(db, {
          caller: callerOf(request),
          id: request.params.id,
          body: request.body,
          ifMatch: ifMatchOf(request),
          projection: isProjected(projection) ? projection : null,
          baseUrl: baseUrlOf(request),
          now: now(),
        });
        reply.header("etag", update.etag);
        return update.resource ? reply.send(update.resource) : reply.code(204).send();
      });
      scim.delete<IdParams>("/Groups/:id", async (request, reply) => {
        await deleteScimGroup(db, {
          caller: callerOf(request),
          id: request.params.id,
          ifMatch: ifMatchOf(request),
          now: now(),
        });
        return reply.code(204).send();
      });
    },
    { prefix: scimPrefix },
  );
}
