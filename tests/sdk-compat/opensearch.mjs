// The official OpenSearch JavaScript client (@opensearch-project/opensearch 3.x) against the OpenSearch stand-in.
// Usage: node opensearch.mjs <endpoint>
// Prints one JSON object to stdout: {scenarioName: result, ...}; an error a scenario expects is recorded, not thrown.
import { Client } from "@opensearch-project/opensearch";

const [endpoint] = process.argv.slice(2);
if (!endpoint) {
  console.error("usage: node opensearch.mjs <endpoint>");
  process.exit(2);
}

const client = new Client({ node: endpoint, maxRetries: 0, requestTimeout: 30000 });
const index = "sdk-books";
const results = {};

function describeError(error) {
  return {
    name: error?.name,
    statusCode: error?.meta?.statusCode ?? error?.statusCode,
    type: error?.meta?.body?.error?.type,
    rootCauseType: error?.meta?.body?.error?.root_cause?.[0]?.type,
    reason: error?.meta?.body?.error?.reason,
    status: error?.meta?.body?.status,
  };
}

async function expectError(call) {
  try {
    const response = await call();
    return { unexpectedSuccess: response.statusCode };
  } catch (error) {
    return describeError(error);
  }
}

const ids = (response) => response.body.hits.hits.map((h) => h._id);

const books = [
  { id: "b1", title: "Crimson Blade", genre: "action", volumes: 12, status: "completed", embedding: [1, 0, 0] },
  { id: "b2", title: "Crimson Tide Academy", genre: "romance", volumes: 4, status: "ongoing", embedding: [0.9, 0.1, 0] },
  { id: "b3", title: "Silent Harbor", genre: "mystery", volumes: 8, status: "completed", embedding: [0, 1, 0] },
  { id: "b4", title: "Blade of the Harbor", genre: "action", volumes: 30, status: "ongoing", embedding: [0, 0, 1] },
];

const info = await client.info();
results.info = { statusCode: info.statusCode, distribution: info.body.version.distribution, number: info.body.version.number };

const created = await client.indices.create({
  index,
  body: {
    settings: {
      index: { knn: true },
      analysis: {
        tokenizer: { ja_tokenizer: { type: "kuromoji_tokenizer", mode: "search" } },
        analyzer: { ja_text: { type: "custom", tokenizer: "ja_tokenizer", filter: ["cjk_width", "lowercase"] } },
      },
    },
    mappings: {
      properties: {
        title: { type: "text", analyzer: "ja_text" },
        genre: { type: "keyword" },
        status: { type: "keyword" },
        volumes: { type: "integer" },
        embedding: { type: "knn_vector", dimension: 3, method: { name: "hnsw", space_type: "cosinesimil", engine: "faiss" } },
      },
    },
  },
});
results.createIndex = { statusCode: created.statusCode, acknowledged: created.body.acknowledged, index: created.body.index };
results.createIndexAgain = await expectError(() => client.indices.create({ index }));
results.exists = {
  existing: (await client.indices.exists({ index })).body,
  missing: (await client.indices.exists({ index: "no-such-index" })).body,
};

const bulk = await client.bulk({ body: books.flatMap(({ id, ...doc }) => [{ index: { _index: index, _id: id } }, doc]) });
results.bulk = { statusCode: bulk.statusCode, errors: bulk.body.errors, statuses: bulk.body.items.map((i) => i.index.status) };
const bad = await client.bulk({
  body: [{ index: { _index: index, _id: "bad" } }, { title: "Wrong Vector", embedding: [1, 0] }, { delete: { _index: index, _id: "b9" } }],
});
results.bulkItemErrors = {
  errors: bad.body.errors,
  first: { status: bad.body.items[0].index.status, type: bad.body.items[0].index.error?.type },
  second: { status: bad.body.items[1].delete.status, result: bad.body.items[1].delete.result },
};
await client.indices.refresh({ index });

const filtered = await client.search({
  index,
  body: {
    size: 10,
    query: {
      bool: {
        must: [{ multi_match: { query: "crimson blade", fields: ["title^2"], type: "best_fields" } }],
        filter: [{ term: { status: "completed" } }, { range: { volumes: { lte: 20 } } }],
        must_not: [{ terms: { genre: ["romance"] } }],
      },
    },
  },
});
results.searchBoolFilter = { ids: ids(filtered), total: filtered.body.hits.total.value };

const knn = await client.search({ index, body: { size: 2, query: { knn: { embedding: { vector: [0.95, 0.05, 0], k: 2 } } } } });
results.searchKnn = { ids: ids(knn), scoresInRange: knn.body.hits.hits.every((h) => h._score > 0 && h._score <= 1) };

const pipeline = await client.searchPipeline.put({
  id: "sdk-hybrid",
  body: {
    phase_results_processors: [
      { "normalization-processor": { normalization: { technique: "min_max" }, combination: { technique: "arithmetic_mean", parameters: { weights: [0.3, 0.7] } } } },
    ],
  },
});
results.putPipeline = { statusCode: pipeline.statusCode, acknowledged: pipeline.body.acknowledged };

const hybrid = await client.search({
  index,
  search_pipeline: "sdk-hybrid",
  body: {
    size: 3,
    _source: { excludes: ["embedding"] },
    query: { hybrid: { queries: [{ match: { title: "harbor" } }, { knn: { embedding: { vector: [0, 0.2, 1], k: 3 } } }] } },
  },
});
results.searchHybrid = {
  ids: ids(hybrid),
  scoresInRange: hybrid.body.hits.hits.every((h) => h._score >= 0 && h._score <= 1),
  sourceKeys: Object.keys(hybrid.body.hits.hits[0]._source).sort(),
};

results.missingIndex = await expectError(() => client.search({ index: "no-such-index", body: { query: { match_all: {} } } }));
results.unknownQuery = await expectError(() => client.search({ index, body: { query: { no_such_query: {} } } }));
results.hybridWithoutPipeline = await expectError(() =>
  client.search({ index, body: { query: { hybrid: { queries: [{ match: { title: "harbor" } }] } } } }));

const deleted = await client.indices.delete({ index });
results.deleteIndex = { statusCode: deleted.statusCode, existsAfter: (await client.indices.exists({ index })).body };

console.log(JSON.stringify(results));
