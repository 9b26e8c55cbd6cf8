import { describe, expect, it } from "vitest";
import { HttpError } from "./errors";
import { answerInfluxQuery, splitStatements } from "./influx-query";

describe("the InfluxQL Barista answers", () => {
  it("splits statements at semicolons outside double quotes", () => {
    expect(splitStatements('CREATE DATABASE "a;b"; create database c ;')).toEqual(['CREATE DATABASE "a;b"', "create database c"]);
    expect(splitStatements('CREATE DATABASE "say \\"hi\\";x"')).toEqual(['CREATE DATABASE "say \\"hi\\";x"']);
    expect(splitStatements(" ; ")).toEqual([]);
  });

  it("answers every CREATE DATABASE as done, one result per statement", async () => {
    for (const q of ['CREATE DATABASE "telegraf"', "create database telegraf", 'CREATE DATABASE "t" WITH DURATION 1d REPLICATION 1 NAME "rp"']) {
      const r = answerInfluxQuery(q);
      expect(r.status, q).toBe(200);
      expect(await r.json(), q).toEqual({ results: [{ statement_id: 0 }] });
    }
    expect(await answerInfluxQuery('CREATE DATABASE "a"; CREATE DATABASE b').json()).toEqual({ results: [{ statement_id: 0 }, { statement_id: 1 }] });
  });

  it("refuses anything else with 400 saying what it answers, a batch that hides one among creates included", () => {
    for (const q of ["SELECT * FROM cpu", "DROP DATABASE telegraf", 'CREATE DATABASE "a"; DROP DATABASE a', "CREATE DATABASE", "", null]) {
      let thrown: unknown;
      try {
        answerInfluxQuery(q);
      } catch (e) {
        thrown = e;
      }
      expect(thrown, String(q)).toBeInstanceOf(HttpError);
      expect((thrown as HttpError).status).toBe(400);
      expect((thrown as HttpError).message).toMatch(/CREATE DATABASE/);
    }
  });
});
