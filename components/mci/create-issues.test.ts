import { describe, expect, it } from "vitest";
import { placeCreateIssues } from "./create-issues";

const regions = ["aws-us-east-1", "gcp-europe-west1"];
const regionOf = (i: number) => regions[i];

describe("placeCreateIssues", () => {
  it("puts a name issue (a duplicate from lib/ included) at the name field", () => {
    const failure = { error: 'mci.name: an MCI named "web" already exists in namespace "default"; choose another name', issues: [{ path: "mci.name", message: 'an MCI named "web" already exists in namespace "default"; choose another name' }] };
    expect(placeCreateIssues(failure, regionOf)).toEqual({ fields: { name: 'an MCI named "web" already exists in namespace "default"; choose another name' }, form: null });
  });

  it("names the region of a subgroup's issue, from the index in its path", () => {
    const failure = {
      error: "…",
      issues: [
        { path: "mci.subGroups.0.count", message: "count is at most 100" },
        { path: "mci.subGroups.1.specId", message: 'gcp-europe-west1 offers no spec "x"' },
        { path: "mci.subGroups", message: "2400 VMs requested" },
      ],
    };
    expect(placeCreateIssues(failure, regionOf)).toEqual({ fields: {}, form: 'aws-us-east-1: count is at most 100; gcp-europe-west1 offers no spec "x"; 2400 VMs requested' });
  });

  it("shows a failure without issues as it came", () => {
    expect(placeCreateIssues({ error: "name: the database is locked", issues: [] }, regionOf)).toEqual({ fields: {}, form: "name: the database is locked" });
  });
});
