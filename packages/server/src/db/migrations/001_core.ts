import type { Kysely } from 'kysely';
import type { Dialect } from '../connection.js';
import { withId } from './helpers.js';


export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const text = 'text';
  await db.schema
    .createTable('organisation')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('default_locale', text, (c) => c.notNull())
    .addColumn('allowed_domains', text, (c) => c.notNull())
    .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();

  await withId(db.schema.createTable('users'), dialect)
    .addColumn('email', text, (c) => c.notNull().unique())
    .addColumn('handle', text, (c) => c.notNull().unique())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('password_hash', text, (c) => c.notNull())
    .addColumn('role', text, (c) => c.notNull())
    .addColumn('status', text, (c) => c.notNull())
    .addColumn('title', text, (c) => c.notNull().defaultTo(''))
    .addColumn('department', text, (c) => c.notNull().defaultTo(''))
    .addColumn('site', text, (c) => c.notNull().defaultTo(''))
    .addColumn('country', text, (c) => c.notNull().defaultTo(''))
    .addColumn('languages', text, (c) => c.notNull().defaultTo('[]'))
    .addColumn('timezone', text, (c) => c.notNull().defaultTo('Europe/Berlin'))
    .addColumn('about', text, (c) => c.notNull().defaultTo(''))
    .addColumn('contact', text, (c) => c.notNull().defaultTo('{}'))
    .addColumn('locale', text, (c) => c.notNull().defaultTo('en'))
    .addColumn('photo_key', text)
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('session_generation', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('users_department').on('users').columns(['department']).execute();
  await db.schema.createIndex('users_site').on('users').columns(['site']).execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull())
    .addColumn('csrf_token', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('expires_at', text, (c) => c.notNull())
    .addColumn('user_agent', text, (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').columns(['user_id']).execute();

  await withId(db.schema.createTable('access_tokens'), dialect)
    .addColumn('user_id', 'integer', (c) => c.notNull())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('token_hash', text, (c) => c.notNull().unique())
    .addColumn('scope', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('last_used_at', text)
    .addColumn('revoked_at', text)
    .execute();

  await withId(db.schema.createTable('invitations'), dialect)
    .addColumn('email', text, (c) => c.notNull())
    .addColumn('token_hash', text, (c) => c.notNull().unique())
    .addColumn('invited_by', 'integer', (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('expires_at', text, (c) => c.notNull())
    .addColumn('accepted_at', text)
    .execute();

  await withId(db.schema.createTable('spaces'), dialect)
    .addColumn('slug', text, (c) => c.notNull().unique())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('description', text, (c) => c.notNull())
    .addColumn('visibility', text, (c) => c.notNull())
    .addColumn('archived_at', text)
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('last_activity_at', text, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('memberships')
    .addColumn('space_id', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull())
    .addColumn('role', text, (c) => c.notNull())
    .addColumn('state', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('last_read_post_id', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('memberships_pk', ['space_id', 'user_id'])
    .execute();
  await db.schema.createIndex('memberships_user').on('memberships').columns(['user_id', 'state', 'space_id']).execute();

  await withId(db.schema.createTable('posts'), dialect)
    .addColumn('space_id', 'integer', (c) => c.notNull())
    .addColumn('author_id', 'integer', (c) => c.notNull())
    .addColumn('body', text, (c) => c.notNull())
    .addColumn('html', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('edited_at', text)
    .addColumn('deleted_at', text)
    .addColumn('pinned_at', text)
    .addColumn('comment_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reaction_count', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('posts_space_id').on('posts').columns(['space_id', 'id']).execute();
  await db.schema.createIndex('posts_author_id').on('posts').columns(['author_id', 'id']).execute();

  await withId(db.schema.createTable('post_revisions'), dialect)
    .addColumn('post_id', 'integer', (c) => c.notNull())
    .addColumn('editor_id', 'integer', (c) => c.notNull())
    .addColumn('body', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('post_revisions_post').on('post_revisions').columns(['post_id']).execute();

  await withId(db.schema.createTable('comments'), dialect)
    .addColumn('post_id', 'integer', (c) => c.notNull())
    .addColumn('parent_id', 'integer')
    .addColumn('author_id', 'integer', (c) => c.notNull())
    .addColumn('body', text, (c) => c.notNull())
    .addColumn('html', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('edited_at', text)
    .addColumn('deleted_at', text)
    .execute();
  await db.schema.createIndex('comments_post').on('comments').columns(['post_id', 'id']).execute();

  await db.schema
    .createTable('reactions')
    .addColumn('post_id', 'integer', (c) => c.notNull())
    .addColumn('comment_id', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull())
    .addColumn('reaction', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('reactions_pk', ['post_id', 'comment_id', 'user_id', 'reaction'])
    .execute();

  await db.schema
    .createTable('post_hashtags')
    .addColumn('post_id', 'integer', (c) => c.notNull())
    .addColumn('tag', text, (c) => c.notNull())
    .addColumn('space_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('post_hashtags_pk', ['post_id', 'tag'])
    .execute();
  await db.schema.createIndex('post_hashtags_tag').on('post_hashtags').columns(['tag', 'post_id']).execute();

  await db.schema
    .createTable('mentions')
    .addColumn('post_id', 'integer', (c) => c.notNull())
    .addColumn('comment_id', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('mentions_pk', ['post_id', 'comment_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('follow_users')
    .addColumn('follower_id', 'integer', (c) => c.notNull())
    .addColumn('followee_id', 'integer', (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('follow_users_pk', ['follower_id', 'followee_id'])
    .execute();
  await db.schema
    .createTable('follow_hashtags')
    .addColumn('user_id', 'integer', (c) => c.notNull())
    .addColumn('tag', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('follow_hashtags_pk', ['user_id', 'tag'])
    .execute();
  await db.schema
    .createTable('follow_posts')
    .addColumn('user_id', 'integer', (c) => c.notNull())
    .addColumn('post_id', 'integer', (c) => c.notNull())
    .addColumn('following', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('follow_posts_pk', ['user_id', 'post_id'])
    .execute();
  await db.schema.createIndex('follow_posts_post').on('follow_posts').columns(['post_id']).execute();
  await db.schema
    .createTable('bookmarks')
    .addColumn('user_id', 'integer', (c) => c.notNull())
    .addColumn('post_id', 'integer', (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('bookmarks_pk', ['user_id', 'post_id'])
    .execute();

  await withId(db.schema.createTable('notifications'), dialect)
    .addColumn('user_id', 'integer', (c) => c.notNull())
    .addColumn('type', text, (c) => c.notNull())
    .addColumn('actor_id', 'integer')
    .addColumn('actor_count', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('space_id', 'integer')
    .addColumn('post_id', 'integer')
    .addColumn('comment_id', 'integer')
    .addColumn('group_key', text)
    .addColumn('data', text, (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('read_at', text)
    .execute();
  await db.schema.createIndex('notifications_user').on('notifications').columns(['user_id', 'id']).execute();
  await db.schema.createIndex('notifications_group').on('notifications').columns(['user_id', 'group_key']).execute();
  await db.schema
    .createTable('notification_prefs')
    .addColumn('user_id', 'integer', (c) => c.notNull())
    .addColumn('type', text, (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_prefs_pk', ['user_id', 'type'])
    .execute();

  await withId(db.schema.createTable('outbox'), dialect)
    .addColumn('type', text, (c) => c.notNull())
    .addColumn('payload', text, (c) => c.notNull())
    .addColumn('space_id', 'integer')
    .addColumn('user_id', 'integer')
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
}
