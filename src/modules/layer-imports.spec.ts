import { ESLint } from 'eslint';

/** The project's ESLint configuration, run on code written as if it were a file of a layer. */
const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((message) => message.ruleId === 'no-restricted-imports').map((message) => message.message);
}

describe('the layer rules of the ESLint configuration', () => {
  it('refuse an import of infrastructure/ in http/ and in application/', async () => {
    const code = "import { SqlGroupRepository } from '../infrastructure/sql-group.repository';\nexport const used = SqlGroupRepository;\n";
    for (const layer of ['http', 'application']) {
      expect(await restrictedImports(`src/modules/groups/${layer}/listing.ts`, code)).toEqual([
        "'../infrastructure/sql-group.repository' import is restricted from being used by a pattern. application/ and http/ reach infrastructure/ through ports",
      ]);
    }
  });

  it('refuse frameworks, drivers and the other layers in domain/', async () => {
    const code = [
      "import { Injectable } from '@nestjs/common';",
      "import { Entity } from 'typeorm';",
      "import Database from 'better-sqlite3';",
      "import { GroupUsersQuery } from '../application/group-users.query';",
      "import { GroupsController } from '../http/groups.controller';",
      "import { SqlGroupRepository } from '../../groups/infrastructure/sql-group.repository';",
      'export const used = [Injectable, Entity, Database, GroupUsersQuery, GroupsController, SqlGroupRepository];',
      '',
    ].join('\n');
    const messages = await restrictedImports('src/modules/groups/domain/group.ts', code);
    expect(messages.map((message) => message.slice(message.indexOf('. ') + 2))).toEqual([
      'domain/ stays free of frameworks and drivers',
      'domain/ stays free of frameworks and drivers',
      'domain/ stays free of frameworks and drivers',
      'domain/ imports no other layer',
      'domain/ imports no other layer',
      'domain/ imports no other layer',
    ]);
  });

  it('let each layer import what it may', async () => {
    const application =
      "import { GroupUsersQuery } from './group-users.query';\nimport { Group } from '../domain/group';\nexport const used = [GroupUsersQuery, Group];\n";
    expect(await restrictedImports('src/modules/groups/application/listing.ts', application)).toEqual([]);
    const http =
      "import { Controller } from '@nestjs/common';\nimport { GroupUsersQuery } from '../application/group-users.query';\nexport const used = [Controller, GroupUsersQuery];\n";
    expect(await restrictedImports('src/modules/groups/http/listing.ts', http)).toEqual([]);
    const domain =
      "import type { AuditEvent } from '../../audit/domain/audit-event';\nimport { Group } from './group';\nexport const used: [AuditEvent?, Group?] = [];\n";
    expect(await restrictedImports('src/modules/groups/domain/events.ts', domain)).toEqual([]);
    const infrastructure =
      "import { Injectable } from '@nestjs/common';\nimport { GroupUsersQuery } from '../application/group-users.query';\nexport const used = [Injectable, GroupUsersQuery];\n";
    expect(await restrictedImports('src/modules/groups/infrastructure/sql-listing.ts', infrastructure)).toEqual([]);
  });
});
