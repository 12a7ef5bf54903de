/** The answer of the status route. */
export class StatusDto {
  /**
   * The service can serve requests.
   * @example "ok"
   */
  status!: 'ok';
  /**
   * The database answered.
   * @example "up"
   */
  database!: 'up';
  /**
   * The service's version.
   * @example "0.1.0"
   */
  version!: string;
  /**
   * Seconds since the process started.
   * @example 3600
   */
  uptime!: number;
}
