import { CreateKeyPairCommand, DeleteKeyPairCommand, DescribeKeyPairsCommand, type EC2Client, ImportKeyPairCommand, type KeyPairInfo } from "@aws-sdk/client-ec2";
import { InvalidArgumentError, NotFoundError } from "@/lib/core/errors";
import { sshFingerprint } from "../ssh-key";
import type { CreateKeyPairRequest, KeyPair, ListFilter } from "../types";
import { ec2Call } from "./errors";
import { tagFilters, toEc2Tags, toKeyPair } from "./mappers";

async function describeKeyPair(ec2: EC2Client, name: string): Promise<KeyPairInfo> {
  const out = await ec2Call(`DescribeKeyPairs ${name}`, () => ec2.send(new DescribeKeyPairsCommand({ KeyNames: [name], IncludePublicKey: true })));
  const k = out.KeyPairs?.[0];
  if (!k) throw new NotFoundError(`key pair ${name} does not exist in this region`);
  return k;
}

/**
 * Imports the public key Barista holds (ImportKeyPair), or has EC2 make an Ed25519 pair
 * (CreateKeyPair), whose private key EC2 hands out once, in this answer only.
 */
export async function createKeyPair(ec2: EC2Client, req: CreateKeyPairRequest): Promise<KeyPair> {
  const TagSpecifications = [{ ResourceType: "key-pair" as const, Tags: toEc2Tags(req.name, req.tags) }];
  if (req.publicKey !== undefined) {
    if (!sshFingerprint(req.publicKey)) throw new InvalidArgumentError(`key pair "${req.name}": the public key is not an OpenSSH public key line (ssh-ed25519 AAAA… comment)`);
    await ec2Call(`ImportKeyPair ${req.name}`, () =>
      ec2.send(new ImportKeyPairCommand({ KeyName: req.name, PublicKeyMaterial: new TextEncoder().encode(req.publicKey!.trim()), TagSpecifications })),
    );
    return toKeyPair(await describeKeyPair(ec2, req.name));
  }
  const made = await ec2Call(`CreateKeyPair ${req.name}`, () => ec2.send(new CreateKeyPairCommand({ KeyName: req.name, KeyType: "ed25519", KeyFormat: "pem", TagSpecifications })));
  // The answer carries the private key but not the public one, which DescribeKeyPairs gives.
  return toKeyPair(await describeKeyPair(ec2, req.name), made.KeyMaterial);
}

export async function getKeyPair(ec2: EC2Client, id: string): Promise<KeyPair> {
  return toKeyPair(await describeKeyPair(ec2, id));
}

export async function listKeyPairs(ec2: EC2Client, filter?: ListFilter): Promise<KeyPair[]> {
  const filters = tagFilters(filter?.tags);
  const out = await ec2Call("DescribeKeyPairs", () => ec2.send(new DescribeKeyPairsCommand({ ...(filters.length ? { Filters: filters } : {}), IncludePublicKey: true })));
  return (out.KeyPairs ?? []).map((k) => toKeyPair(k));
}

/** EC2 answers success for a key that is already gone, which is what a retried delete needs. */
export async function deleteKeyPair(ec2: EC2Client, id: string): Promise<void> {
  await ec2Call(`DeleteKeyPair ${id}`, () => ec2.send(new DeleteKeyPairCommand({ KeyName: id })));
}
